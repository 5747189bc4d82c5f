// Walks every route as every role, signed out, and with another studio's session, and checks each
// answer against the route's declared `access` (lib/auth/access.ts). A new route without a
// declaration, or one that declares a permission its handler does not check, fails here.
import assert from "node:assert/strict";
import { manifest } from "@/fw.gen.ts";
import type { Access } from "@/lib/auth/access.ts";
import { can } from "@/lib/auth/permissions.ts";
import { routePattern } from "@/lib/fw/route_path.ts";
import { ROLES } from "@/lib/kv/staff.ts";
import { provisionStudio } from "@/lib/tenancy/provision.ts";
import { signedInCookie } from "@/lib/testing/staff_session.ts";
import { testApp } from "@/lib/testing/test_app.ts";

const SPECIAL = /(^|\/)_(app|layout|middleware|404|500)\.tsx?$/;
const routes = Object.entries(manifest.routes).filter(([file]) => !SPECIAL.test(file));

function methodsOf(module: Record<string, unknown>): string[] {
  const handler = module.handler;
  const methods = typeof handler === "object" && handler !== null ? Object.keys(handler) : [];
  return methods.length > 0 ? methods : ["GET"];
}

function isAccess(value: unknown): value is Access {
  return value === "public" || value === "staff" || value === "client" ||
    (typeof value === "object" && value !== null && "permission" in value);
}

Deno.test("every route declares who may reach it", () => {
  const undeclared = routes.filter(([, module]) => !isAccess((module as { access?: unknown }).access)).map((
    [f],
  ) => f);
  assert.deepEqual(undeclared, [], "export const access: Access = … in each of these");
});

Deno.test("every route answers each role, signed-out visitors and other studios' sessions as declared", async () => {
  await using t = await testApp();
  const settings = { timezone: "UTC", currency: "EUR", locale: "en" } as const;
  const home = await provisionStudio(t.tenancy, { ...settings, slug: "home", name: "Home" });
  const other = await provisionStudio(t.tenancy, { ...settings, slug: "other", name: "Other" });
  const base = "/s/home";
  const cookies: Record<string, string> = Object.fromEntries(
    await Promise.all(
      ROLES.map(async (
        role,
      ) => [role, await signedInCookie(t.kv, home, { role, base, email: `${role}@home.example` })]),
    ),
  );
  const foreign = await signedInCookie(t.kv, other, { base, email: "owner@other.example" });

  const problems: string[] = [];
  for (const [file, module] of routes) {
    const access = (module as { access: Access }).access;
    const path = routePattern(file).replace(/:\w+/g, "x").replace(/\*$/, "x");
    for (const method of methodsOf(module as Record<string, unknown>)) {
      const request = async (cookie?: string) => {
        const headers: Record<string, string> = { origin: "http://localhost" };
        if (cookie) headers.cookie = cookie;
        const res = await t.app.request(`${base}${path}`, { method, headers });
        await res.body?.cancel();
        return res.status;
      };
      const expectSignedOut = method === "GET" ? 302 : 401;
      const check = (who: string, status: number, ok: (s: number) => boolean, expected: string) => {
        if (!ok(status)) problems.push(`${method} ${path} as ${who}: ${status}, expected ${expected}`);
      };
      if (access === "public") {
        for (const cookie of [undefined, foreign, ...Object.values(cookies)]) {
          check("anyone", await request(cookie), (s) => s !== 401 && s !== 403 && s < 500, "no 401/403/5xx");
        }
        continue;
      }
      if (access === "client") {
        // The portal's own pages: no staff session opens them (routes/portal/portal_test.ts signs clients in).
        for (const cookie of [undefined, foreign, ...Object.values(cookies)]) {
          check(
            "a visitor without a portal session",
            await request(cookie),
            (s) => s === expectSignedOut,
            String(expectSignedOut),
          );
        }
        continue;
      }
      check("signed out", await request(), (s) => s === expectSignedOut, String(expectSignedOut));
      check(
        "another studio's session",
        await request(foreign),
        (s) => s === expectSignedOut,
        String(expectSignedOut),
      );
      for (const role of ROLES) {
        const allowed = access === "staff" ||
          can(role, method === "GET" ? access.permission : access.write ?? access.permission);
        const status = await request(cookies[role]);
        check(
          role,
          status,
          (s) => (allowed ? s < 400 || s === 404 || s === 422 : s === 403),
          allowed ? "< 400" : "403",
        );
      }
    }
  }
  assert.deepEqual(problems, []);
});

import assert from "node:assert/strict";
import { desc } from "drizzle-orm";
import { auditLog } from "../../db/schema/mod.ts";
import { createApiKey } from "../kv/api_keys.ts";
import { allowedApiOrigins } from "../kv/api_cors.ts";
import { provisionStudio } from "../tenancy/provision.ts";
import { signedInCookie } from "../testing/staff_session.ts";
import { testApp } from "../testing/test_app.ts";
import { parseAllowedOrigin, setApiCorsOrigins } from "./cors.ts";

const APP = "https://app.example.com";
const settings = { timezone: "Europe/Paris", currency: "EUR", locale: "en", country: "FR" } as const;

/** Studio Blue at /s/blue, which allows APP to call its API from a browser, and a manager key. */
async function studio() {
  const t = await testApp();
  const blue = await provisionStudio(t.tenancy, { ...settings, slug: "blue", name: "Blue Room" });
  const acting = { actor: { type: "staff" as const, id: "u_test", label: "owner@blue.example" } };
  await t.tenancy.pool.use(
    blue.database,
    (db) =>
      setApiCorsOrigins(t.kv, {
        tenantId: blue.id,
        text: `${APP}\nhttp://localhost:5173`,
        acting,
        audit: db,
      }),
  );
  const { token } = await createApiKey(t.kv, {
    tenantId: blue.id,
    name: "Website",
    role: "manager",
    createdBy: { type: "system", label: "test" },
  });
  const preflight = (origin: string, method = "GET") =>
    t.app.request("/s/blue/api/v1/studio", {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": method,
        "access-control-request-headers": "authorization",
      },
    });
  return { t, blue, token, preflight, acting };
}

Deno.test("origins: exact https origins, http only on localhost, nothing but scheme, host and port", () => {
  assert.deepEqual(parseAllowedOrigin("https://App.Example.com/"), { origin: "https://app.example.com" });
  assert.deepEqual(parseAllowedOrigin("https://app.example.com:8443"), {
    origin: "https://app.example.com:8443",
  });
  assert.deepEqual(parseAllowedOrigin("https://app.example.com:443"), { origin: "https://app.example.com" });
  assert.deepEqual(parseAllowedOrigin("http://localhost:5173"), { origin: "http://localhost:5173" });
  assert.deepEqual(parseAllowedOrigin("http://127.0.0.1:3000"), { origin: "http://127.0.0.1:3000" });
  for (
    const bad of [
      "http://app.example.com",
      "https://*.example.com",
      "https://app.example.com/path",
      "https://app.example.com?x",
      "https://user@app.example.com",
      "app.example.com",
      "ftp://x.example",
      "null",
    ]
  ) {
    assert.ok("error" in parseAllowedOrigin(bad), bad);
  }
});

Deno.test("a preflight from a listed origin is answered with the allowed methods, headers and max age", async () => {
  const { t, preflight } = await studio();
  await using _ = t;
  const res = await preflight(APP, "POST");
  assert.equal(res.status, 204);
  assert.equal(res.headers.get("access-control-allow-origin"), APP);
  assert.equal(res.headers.get("access-control-allow-methods"), "GET, HEAD, POST, PUT, PATCH, DELETE");
  assert.equal(res.headers.get("access-control-allow-headers"), "Authorization, Content-Type");
  assert.equal(res.headers.get("access-control-max-age"), "600");
  assert.match(res.headers.get("vary") ?? "", /Origin/);
  assert.equal(res.headers.get("access-control-allow-credentials"), null, "never credentials");
  assert.equal((await preflight("http://localhost:5173")).status, 204);
});

Deno.test("a preflight from any other origin, even a near miss, is refused without CORS headers", async () => {
  const { t, preflight } = await studio();
  await using _ = t;
  for (
    const origin of [
      "https://evil.example",
      "http://app.example.com",
      "https://app.example.com:8443",
      "https://sub.app.example.com",
      "null",
    ]
  ) {
    const res = await preflight(origin);
    assert.equal(res.status, 403, origin);
    assert.equal(res.headers.get("access-control-allow-origin"), null, origin);
    assert.equal(res.headers.get("access-control-allow-methods"), null, origin);
    assert.match(res.headers.get("vary") ?? "", /Origin/, origin);
    assert.equal(res.headers.get("content-type"), "application/problem+json");
    await res.body?.cancel();
  }
});

Deno.test("a studio that listed nothing refuses every cross-origin preflight", async () => {
  const { t, blue, preflight, acting } = await studio();
  await using _ = t;
  await t.tenancy.pool.use(
    blue.database,
    (db) => setApiCorsOrigins(t.kv, { tenantId: blue.id, text: "", acting, audit: db }),
  );
  const res = await preflight(APP);
  assert.equal(res.status, 403);
  await res.body?.cancel();
});

Deno.test("the actual request from a listed origin with a key can be read; from another origin it cannot", async () => {
  const { t, token } = await studio();
  await using _ = t;
  const call = (origin: string) =>
    t.app.request("/s/blue/api/v1/studio", { headers: { origin, authorization: `Bearer ${token}` } });
  const ok = await call(APP);
  assert.equal(ok.status, 200);
  assert.equal(ok.headers.get("access-control-allow-origin"), APP);
  assert.match(ok.headers.get("access-control-expose-headers") ?? "", /Link/);
  assert.match(ok.headers.get("vary") ?? "", /Origin/);
  assert.equal(ok.headers.get("access-control-allow-credentials"), null);
  assert.equal((await ok.json()).slug, "blue");

  const other = await call("https://evil.example");
  assert.equal(other.headers.get("access-control-allow-origin"), null, "the browser will not hand it over");
  await other.body?.cancel();

  // Errors are readable by the listed origin too (the page can show why).
  const refused = await t.app.request("/s/blue/api/v1/studio", { headers: { origin: APP } });
  assert.equal(refused.status, 401);
  assert.equal(refused.headers.get("access-control-allow-origin"), APP);
});

Deno.test("a cross-origin request with only the session cookie is refused, listed origin or not", async () => {
  const { t, blue } = await studio();
  await using _ = t;
  const cookie = await signedInCookie(t.kv, blue, { base: "/s/blue" });
  const same = await t.app.request("/s/blue/api/v1/studio", { headers: { cookie } });
  assert.equal(same.status, 200, "the studio's own pages use the cookie");
  await same.body?.cancel();
  const sameOrigin = await t.app.request("/s/blue/api/v1/studio", {
    headers: { cookie, origin: "http://localhost" },
  });
  assert.equal(sameOrigin.status, 200);
  await sameOrigin.body?.cancel();

  for (
    const headers of <Record<string, string>[]> [{ origin: APP }, { origin: "https://evil.example" }, {
      "sec-fetch-site": "cross-site",
    }]
  ) {
    const res = await t.app.request("/s/blue/api/v1/studio", { headers: { cookie, ...headers } });
    assert.equal(res.status, 401, JSON.stringify(headers));
    await res.body?.cancel();
  }
  // Writes with a cookie from elsewhere stop even earlier, at the origin check.
  const write = await t.app.request("/s/blue/api/v1/clients", {
    method: "POST",
    headers: { cookie, origin: APP, "content-type": "application/json" },
    body: JSON.stringify({ name: "X" }),
  });
  assert.equal(write.status, 403);
  await write.body?.cancel();
});

Deno.test("owners and admins set the origins on the API keys page; the change is audited", async () => {
  const t = await testApp();
  await using _ = t;
  const blue = await provisionStudio(t.tenancy, { ...settings, slug: "blue", name: "Blue Room" });
  const PAGE = "/s/blue/app/settings/api-keys";
  const post = (cookie: string, allowedOrigins: string) =>
    t.app.request(PAGE, {
      method: "POST",
      headers: { cookie, origin: "http://localhost", "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "cors", allowedOrigins }),
    });
  const admin = await signedInCookie(t.kv, blue, {
    base: "/s/blue",
    role: "admin",
    email: "admin@blue.example",
  });

  const bad = await post(admin, "http://app.example.com\nhttps://*.example.com");
  assert.equal(bad.status, 422);
  const html = await bad.text();
  assert.match(html, /use https/);
  assert.match(html, /wildcards are not accepted/);
  assert.deepEqual(await allowedApiOrigins(t.kv, blue.id), []);

  const saved = await post(
    admin,
    "https://app.example.com/\nhttps://app.example.com\n  http://localhost:5173 ",
  );
  assert.equal(saved.status, 303);
  assert.match(saved.headers.get("location") ?? "", /\?saved=cors/);
  assert.deepEqual(await allowedApiOrigins(t.kv, blue.id), [APP, "http://localhost:5173"]);
  const page = await (await t.app.request(`${PAGE}?saved=cors`, { headers: { cookie: admin } })).text();
  assert.match(page, /Allowed origins saved/);
  assert.match(page, /https:\/\/app.example.com\nhttp:\/\/localhost:5173<\/textarea>/);

  const rows = await t.tenancy.pool.use(
    blue.database,
    (db) => db.select().from(auditLog).orderBy(desc(auditLog.id)),
  );
  const row = rows.find((r) => r.action === "api.cors_origins_changed")!;
  assert.equal(row.actorLabel, "admin@blue.example");
  assert.deepEqual([row.entityType, row.entityId], ["api_cors", blue.id]);
  assert.deepEqual(row.changes, { allowedOrigins: { before: [], after: [APP, "http://localhost:5173"] } });

  const manager = await signedInCookie(t.kv, blue, {
    base: "/s/blue",
    role: "manager",
    email: "m@blue.example",
  });
  const refused = await post(manager, "https://x.example.com");
  assert.equal(refused.status, 403);
  await refused.body?.cancel();
});

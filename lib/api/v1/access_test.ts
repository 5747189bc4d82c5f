// Walks every operation of the OpenAPI document with an API key of each role, without credentials and
// with another studio's key, and checks each answer against the operation's `x-permission`. A route
// registered without apiRoute (no security, no permission check) or whose handler answers 5xx to
// input it did not expect fails here. routes/access_test.ts does the same for the pages.
import assert from "node:assert/strict";
import { can, type Permission } from "../../auth/permissions.ts";
import { createApiKey } from "../../kv/api_keys.ts";
import { ROLES } from "../../kv/staff.ts";
import { provisionStudio } from "../../tenancy/provision.ts";
import { testApp } from "../../testing/test_app.ts";

interface Operation {
  operationId: string;
  security?: unknown[];
  "x-permission"?: Permission;
}

Deno.test("every API operation answers each role, no credentials and other studios' keys as it declares", async () => {
  await using t = await testApp();
  const settings = { timezone: "UTC", currency: "EUR", locale: "en" } as const;
  const home = await provisionStudio(t.tenancy, { ...settings, slug: "home", name: "Home" });
  const other = await provisionStudio(t.tenancy, { ...settings, slug: "other", name: "Other" });
  const keyOf = async (tenantId: string, role: (typeof ROLES)[number]) =>
    (await createApiKey(t.kv, { tenantId, name: role, role, createdBy: { type: "system", label: "test" } }))
      .token;
  const keys = Object.fromEntries(
    await Promise.all(ROLES.map(async (role) => [role, await keyOf(home.id, role)])),
  );
  const foreign = await keyOf(other.id, "owner");

  const doc = await (await t.app.request("/s/home/api/v1/openapi.json")).json();
  const operations = Object.entries(doc.paths as Record<string, Record<string, Operation>>)
    .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
  assert.ok(operations.length >= 50, `only ${operations.length} operations documented`);
  for (
    const id of ["listCreditNotes", "createCreditNote", "issueCreditNote", "listPayments", "refundPayment"]
  ) {
    assert.ok(operations.some(({ op }) => op.operationId === id), id);
  }

  const problems: string[] = [];
  for (const { path, method, op } of operations) {
    const url = `/s/home/api/v1${path.replace(/\{[^}]+\}/g, "x")}`;
    const request = async (token?: string) => {
      const headers: Record<string, string> = {};
      if (token) headers.authorization = `Bearer ${token}`;
      const write = method !== "get" && method !== "delete";
      if (write) headers["content-type"] = "application/json";
      const res = await t.app.request(url, {
        method: method.toUpperCase(),
        headers,
        body: write ? "{}" : undefined,
      });
      await res.body?.cancel();
      return res.status;
    };
    const check = (who: string, status: number, ok: boolean, expected: string) => {
      if (!ok) problems.push(`${method.toUpperCase()} ${path} as ${who}: ${status}, expected ${expected}`);
    };
    if (!op.security?.length) problems.push(`${method.toUpperCase()} ${path}: no security requirement`);
    const anonymous = await request();
    check("no credentials", anonymous, anonymous === 401, "401");
    const stranger = await request(foreign);
    check("another studio's key", stranger, stranger === 401, "401");
    const permission = op["x-permission"];
    for (const role of ROLES) {
      const allowed = permission === undefined || can(role, permission);
      const status = await request(keys[role]);
      check(
        role,
        status,
        allowed ? status !== 401 && status !== 403 && status < 500 : status === 403,
        allowed ? "no 401/403/5xx" : "403",
      );
    }
  }
  assert.deepEqual(problems, []);
});

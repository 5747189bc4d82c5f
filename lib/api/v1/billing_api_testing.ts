import assert from "node:assert/strict";
import { createApiKey } from "../../kv/api_keys.ts";
import type { Role } from "../../kv/staff.ts";
import { provisionStudio } from "../../tenancy/provision.ts";
import type { TenantDb } from "../../tenancy/tenant_db.ts";
import { testApp } from "../../testing/test_app.ts";

/**
 * The app with two studios, `home` (Toronto, CAD) and `other`, API keys of any role for each, and
 * JSON calls through `app.request` — for the billing API's tests.
 *
 * ```ts
 * await using api = await billingApi();
 * const res = await api.call(await api.tokenFor("bookkeeper"), "GET", "/payments");
 * ```
 */
export async function billingApi() {
  const t = await testApp();
  const settings = { timezone: "America/Toronto", currency: "CAD", locale: "en" } as const;
  const home = await provisionStudio(t.tenancy, { ...settings, slug: "home", name: "Home Studio" });
  const other = await provisionStudio(t.tenancy, { ...settings, slug: "other", name: "Other Studio" });
  const use = <T>(fn: (db: TenantDb) => Promise<T>, tenant = home) => t.tenancy.pool.use(tenant.database, fn);
  const tokenFor = async (role: Role, tenant = home) =>
    (await createApiKey(t.kv, {
      tenantId: tenant.id,
      name: `${role} key`,
      role,
      createdBy: { type: "system", label: "test" },
    })).token;
  const call = (token: string, method: string, path: string, body?: unknown, slug = "home") =>
    t.app.request(`/s/${slug}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  /** The body of an answer that must have `status`. */
  const expect = async (res: Response | Promise<Response>, status: number) => {
    const answer = await res;
    const text = await answer.text();
    assert.equal(answer.status, status, text);
    return text ? JSON.parse(text) : null;
  };
  /** A draft invoice of `lines`, issued. */
  const issuedInvoice = async (token: string, clientId: string, lines: unknown[], slug = "home") => {
    const draft = await expect(call(token, "POST", "/invoices", { clientId, lines }, slug), 201);
    return await expect(
      call(token, "POST", `/invoices/${draft.id}/issue`, { version: draft.version }, slug),
      200,
    );
  };
  return {
    t,
    home,
    other,
    use,
    tokenFor,
    call,
    expect,
    issuedInvoice,
    [Symbol.asyncDispose]: () => t[Symbol.asyncDispose](),
  };
}

/** The fields a 422 problem names, sorted. */
export async function invalidFields(res: Response | Promise<Response>): Promise<string[]> {
  const answer = await res;
  const body = await answer.json();
  assert.equal(answer.status, 422, JSON.stringify(body));
  assert.equal(answer.headers.get("content-type"), "application/problem+json");
  return body.errors.map((e: { field: string }) => e.field).sort();
}

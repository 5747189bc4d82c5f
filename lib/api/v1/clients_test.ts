import assert from "node:assert/strict";
import { createApiKey } from "../../kv/api_keys.ts";
import type { Role } from "../../kv/staff.ts";
import { provisionStudio } from "../../tenancy/provision.ts";
import { testApp } from "../../testing/test_app.ts";

async function clientApi() {
  const t = await testApp();
  const tenant = await provisionStudio(t.tenancy, {
    slug: "crm-api",
    name: "CRM Studio",
    timezone: "Europe/Paris",
    currency: "EUR",
    locale: "en",
  });
  const tokenFor = async (role: Role) =>
    (await createApiKey(t.kv, {
      tenantId: tenant.id,
      name: `${role} key`,
      role,
      createdBy: { type: "system", label: "test" },
    })).token;
  const call = (token: string, method: string, path: string, body?: unknown) =>
    t.app.request(`/s/crm-api/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  return { t, tokenFor, call };
}

Deno.test("API: create a band with contacts, find it by part of a name, replace it, archive it", async () => {
  const { t, tokenFor, call } = await clientApi();
  await using _ = t;
  const token = await tokenFor("manager");
  const created = await call(token, "POST", "/clients", {
    kind: "band",
    name: "The Midnight Tides",
    email: "tides@example.com",
    currency: "usd",
    contacts: [{ name: "Rosa Diaz", role: "manager", email: "rosa@example.com" }],
  });
  assert.equal(created.status, 201);
  const band = await created.json();
  assert.equal(band.currency, "USD");
  assert.equal(band.contacts[0].name, "Rosa Diaz");

  for (const name of ["Ada", "Björk", "Cher"]) {
    assert.equal((await call(token, "POST", "/clients", { kind: "person", name })).status, 201);
  }
  const found = await (await call(token, "GET", "/clients?q=night")).json();
  assert.deepEqual(found.data.map((c: { name: string }) => c.name), ["The Midnight Tides"]);
  const byContact = await (await call(token, "GET", "/clients?q=rosa")).json();
  assert.equal(byContact.data.length, 1, "a contact's name finds its client");

  const first = await (await call(token, "GET", "/clients?limit=3")).json();
  assert.equal(first.data.length, 3);
  const second = await (await call(token, "GET", first.next.replace("/s/crm-api/api/v1", ""))).json();
  assert.deepEqual(second.data.map((c: { name: string }) => c.name), ["The Midnight Tides"]);
  assert.equal(second.next, null);

  const replaced = await call(token, "PUT", `/clients/${band.id}`, {
    kind: "band",
    name: "The Midnight Tides",
    city: "Lyon",
    version: band.version,
    contacts: [{ id: band.contacts[0].id, name: "Rosa Díaz", role: "manager" }],
  });
  assert.equal(replaced.status, 200);
  const after = await replaced.json();
  assert.equal(after.city, "Lyon");
  assert.equal(after.email, null, "absent optional fields are cleared");
  assert.equal(after.contacts[0].id, band.contacts[0].id);

  const stale = await call(token, "PUT", `/clients/${band.id}`, {
    kind: "band",
    name: "X",
    version: band.version,
  });
  assert.equal(stale.status, 409);
  assert.equal((await call(token, "POST", `/clients/${band.id}/archive`)).status, 200);
  const current = await (await call(token, "GET", "/clients?q=night")).json();
  assert.equal(current.data.length, 0, "archived clients leave the list");
  const archived = await (await call(token, "GET", "/clients?q=night&archived=true")).json();
  assert.equal(archived.data.length, 1);
});

Deno.test("API: bad client input is a 422 naming each field; an engineer key cannot write clients", async () => {
  const { t, tokenFor, call } = await clientApi();
  await using _ = t;
  const bad = await call(await tokenFor("manager"), "POST", "/clients", {
    kind: "robot",
    name: "",
    email: "not-an-email",
  });
  assert.equal(bad.status, 422);
  assert.equal(bad.headers.get("content-type"), "application/problem+json");
  const fields = (await bad.json()).errors.map((e: { field: string }) => e.field).sort();
  assert.deepEqual(fields, ["email", "kind", "name"]);
  const engineer = await tokenFor("engineer");
  assert.equal((await call(engineer, "GET", "/clients")).status, 200);
  assert.equal((await call(engineer, "POST", "/clients", { kind: "person", name: "Z" })).status, 403);
  assert.equal((await call(engineer, "GET", "/clients/cli_nope")).status, 404);
});

import assert from "node:assert/strict";
import { desc } from "drizzle-orm";
import { auditLog } from "@/db/schema/mod.ts";
import { listApiKeys } from "@/lib/kv/api_keys.ts";
import { provisionStudio } from "@/lib/tenancy/provision.ts";
import { signedInCookie } from "@/lib/testing/staff_session.ts";
import { testApp } from "@/lib/testing/test_app.ts";

const PAGE = "/s/blue/app/settings/api-keys";

async function studio() {
  const t = await testApp();
  const tenant = await provisionStudio(t.tenancy, {
    slug: "blue",
    name: "Blue Room",
    timezone: "Europe/Paris",
    currency: "EUR",
    locale: "en",
  });
  const cookieFor = (role: "owner" | "admin" | "manager") =>
    signedInCookie(t.kv, tenant, { base: "/s/blue", role, email: `${role}@blue.example` });
  const post = (cookie: string, fields: Record<string, string>) =>
    t.app.request(PAGE, {
      method: "POST",
      headers: { cookie, origin: "http://localhost", "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields),
    });
  const audit = () =>
    t.tenancy.pool.use(tenant.database, (db) => db.select().from(auditLog).orderBy(desc(auditLog.id)));
  return { t, tenant, cookieFor, post, audit };
}

Deno.test("an owner creates a key: its token is shown once, works on the API, and the creation is audited", async () => {
  const { t, tenant, cookieFor, post, audit } = await studio();
  await using _ = t;
  const owner = await cookieFor("owner");
  const res = await post(owner, {
    intent: "create",
    name: "Website",
    role: "manager",
    expiresAt: "2099-06-30",
  });
  assert.equal(res.status, 201);
  assert.equal(res.headers.get("cache-control"), "no-store");
  const html = await res.text();
  const token = /<code id="new-api-key">(rsm_[a-z2-7]{32})<\/code>/.exec(html)?.[1];
  assert.ok(token, "the token is on the page");

  const [key] = await listApiKeys(t.kv, tenant.id);
  assert.deepEqual([key.name, key.role], ["Website", "manager"]);
  assert.equal(key.expiresAt, "2099-06-30T22:00:00.000Z", "through 30 June on the studio's clocks");
  assert.equal(key.createdBy.label, "owner@blue.example");

  const api = await t.app.request("/s/blue/api/v1/studio", { headers: { authorization: `Bearer ${token}` } });
  assert.equal(api.status, 200);

  const page = await (await t.app.request(PAGE, { headers: { cookie: owner } })).text();
  assert.ok(!page.includes(token), "never shown again");
  assert.match(page, /Website/);
  assert.match(page, new RegExp(`${key.prefix}…`));
  assert.match(page, /Manager/);
  assert.match(page, /href="\/s\/blue\/app\/settings\/api-keys"/, "the menu links to the page");

  const [row] = await audit();
  assert.equal(row.action, "apikey.created");
  assert.deepEqual([row.actorType, row.actorLabel, row.entityId], ["staff", "owner@blue.example", key.id]);
});

Deno.test("revoking a key asks first, stops it at once, audits it, and says so", async () => {
  const { t, tenant, cookieFor, post, audit } = await studio();
  await using _ = t;
  const admin = await cookieFor("admin");
  const html = await (await post(admin, { intent: "create", name: "Script", role: "engineer" })).text();
  const token = /<code id="new-api-key">([^<]+)<\/code>/.exec(html)![1];
  const [key] = await listApiKeys(t.kv, tenant.id);
  assert.match(html, new RegExp(`<dialog id="revoke-dialog-${key.id}"`), "a confirmation dialog");

  const res = await post(admin, { intent: "revoke", id: key.id });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get("location"), `${PAGE}?revoked=${key.id}`);
  const api = await t.app.request("/s/blue/api/v1/studio", { headers: { authorization: `Bearer ${token}` } });
  assert.equal(api.status, 401);

  const page = await (await t.app.request(res.headers.get("location")!, { headers: { cookie: admin } }))
    .text();
  assert.match(page, /The key Script was revoked\./);
  assert.match(page, /Revoked/);
  assert.ok(!page.includes(`revoke-dialog-${key.id}`), "nothing left to revoke");

  await post(admin, { intent: "revoke", id: key.id });
  assert.deepEqual((await audit()).map((row) => row.action), ["apikey.revoked", "apikey.created"], "once");
  assert.equal((await post(admin, { intent: "revoke", id: "key_unknown" })).status, 404);
});

Deno.test("field errors are shown beside the fields and nothing is created", async () => {
  const { t, tenant, cookieFor, post } = await studio();
  await using _ = t;
  const owner = await cookieFor("owner");
  const res = await post(owner, { intent: "create", name: "", role: "manager", expiresAt: "2020-01-01" });
  assert.equal(res.status, 422);
  const html = await res.text();
  assert.match(html, /id="field-name-error"/);
  assert.match(html, /id="field-expiresAt-error"[^>]*>[^<]*in the future/);
  assert.deepEqual(await listApiKeys(t.kv, tenant.id), []);

  const bad = await (await post(owner, { intent: "create", name: "X", role: "owner", expiresAt: "31/12" }))
    .text();
  assert.match(bad, /Enter a date, like 2030-01-31\./);
});

Deno.test("admins cannot create owner keys and are not offered the role; managers cannot reach the page", async () => {
  const { t, tenant, cookieFor, post } = await studio();
  await using _ = t;
  const admin = await cookieFor("admin");
  const page = await (await t.app.request(PAGE, { headers: { cookie: admin } })).text();
  assert.ok(!page.includes('value="owner"'), "no owner option");
  assert.match(page, /value="admin"/);
  const res = await post(admin, { intent: "create", name: "Root", role: "owner" });
  assert.equal(res.status, 422);
  assert.match(await res.text(), /id="field-role-error"/);
  assert.deepEqual(await listApiKeys(t.kv, tenant.id), []);

  const manager = await cookieFor("manager");
  assert.equal((await t.app.request(PAGE, { headers: { cookie: manager } })).status, 403);
  assert.equal((await post(manager, { intent: "create", name: "X", role: "manager" })).status, 403);
  const dashboard = await (await t.app.request("/s/blue/app", { headers: { cookie: manager } })).text();
  assert.ok(!dashboard.includes("/app/settings/api-keys"), "no menu entry for them");
});

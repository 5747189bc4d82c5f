import assert from "node:assert/strict";
import { desc, sql } from "drizzle-orm";
import { auditLog } from "../../db/schema/mod.ts";
import type { ActingAs } from "../audit/audit.ts";
import { PERMISSIONS } from "../auth/permissions.ts";
import { ValidationError } from "../errors.ts";
import { authenticateApiKey, listApiKeys } from "../kv/api_keys.ts";
import { type Role, ROLES } from "../kv/staff.ts";
import { provisionStudio } from "../tenancy/provision.ts";
import { testTenancy } from "../testing/test_tenancy.ts";
import { expiryAfterDay, grantableRoles, issueApiKey, revokeApiKey } from "./keys.ts";

const ANA: ActingAs = {
  actor: { type: "staff", id: "u_01JD8X3Z7W5M9Q2R4T6V8X0Y1C", label: "ana@example.com" },
  ip: "203.0.113.9",
  userAgent: "curl/8",
};

Deno.test("owners may give a key any role, admins any but owner", () => {
  assert.deepEqual(grantableRoles("owner"), [...ROLES]);
  assert.deepEqual(grantableRoles("admin"), ["admin", "manager", "engineer", "bookkeeper"]);
});

Deno.test("no role can grant a key a permission it does not hold itself", () => {
  const holds = (role: Role) =>
    new Set(
      Object.entries(PERMISSIONS).filter(([, roles]) => (roles as readonly Role[]).includes(role)).map((
        [p],
      ) => p),
    );
  for (const grantor of ROLES) {
    assert.ok(grantableRoles(grantor).includes(grantor), `${grantor} can grant its own role`);
    for (const granted of grantableRoles(grantor)) {
      for (const permission of holds(granted)) {
        assert.ok(holds(grantor).has(permission), `${grantor} → ${granted}`);
      }
    }
  }
});

async function studio() {
  const tenancy = await testTenancy();
  const tenant = await provisionStudio(tenancy, {
    slug: "blue",
    name: "Blue",
    timezone: "UTC",
    currency: "EUR",
    locale: "en",
  });
  const audit = () =>
    tenancy.pool.use(tenant.database, (db) => db.select().from(auditLog).orderBy(desc(auditLog.id)));
  return { tenancy, tenant, audit };
}

Deno.test("issuing and revoking a key audit apikey.created and apikey.revoked, once each", async () => {
  const { tenancy, tenant, audit } = await studio();
  await using _ = tenancy;
  const { token, key } = await tenancy.pool.use(tenant.database, (db) =>
    issueApiKey(tenancy.kv, db, {
      tenantId: tenant.id,
      name: "Website",
      role: "manager",
      expiresAt: "2099-01-01T00:00:00Z",
      grantorRole: "admin",
    }, ANA));
  assert.equal((await authenticateApiKey(tenancy.kv, token, tenant.id))?.id, key.id);
  assert.deepEqual(key.createdBy, ANA.actor);

  const [created] = await audit();
  assert.equal(created.action, "apikey.created");
  assert.deepEqual([created.actorType, created.actorId, created.actorLabel], [
    "staff",
    ANA.actor.id,
    "ana@example.com",
  ]);
  assert.deepEqual([created.entityType, created.entityId], ["api_key", key.id]);
  assert.deepEqual(created.changes, {
    name: { after: "Website" },
    role: { after: "manager" },
    expiresAt: { after: "2099-01-01T00:00:00.000Z" },
  });
  assert.deepEqual([created.ip, created.userAgent], ["203.0.113.9", "curl/8"]);
  assert.ok(!JSON.stringify(created).includes(token), "the token never reaches the log");

  for (let i = 0; i < 2; i++) {
    await tenancy.pool.use(
      tenant.database,
      (db) => revokeApiKey(tenancy.kv, db, { tenantId: tenant.id, id: key.id }, ANA),
    );
  }
  assert.deepEqual((await audit()).map((row) => row.action), ["apikey.revoked", "apikey.created"]);
  assert.equal(await authenticateApiKey(tenancy.kv, token, tenant.id), null);
});

Deno.test("an admin cannot mint an owner key", async () => {
  const { tenancy, tenant, audit } = await studio();
  await using _ = tenancy;
  const err = await tenancy.pool.use(
    tenant.database,
    (db) =>
      issueApiKey(
        tenancy.kv,
        db,
        { tenantId: tenant.id, name: "Root", role: "owner", grantorRole: "admin" },
        ANA,
      ),
  ).catch((e) => e);
  assert.ok(err instanceof ValidationError);
  assert.ok(err.fields.role);
  assert.deepEqual(await listApiKeys(tenancy.kv, tenant.id), []);
  assert.deepEqual(await audit(), []);
});

Deno.test("a key whose audit row cannot be written does not survive", async () => {
  const { tenancy, tenant } = await studio();
  await using _ = tenancy;
  // The studio's database refuses audit rows, as a full disk or a lost connection would.
  await tenancy.pool.use(tenant.database, async (db) => {
    await db.execute(sql.raw(`CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'disk full'; END $$`));
    await db.execute(
      sql.raw(
        `CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_audit()`,
      ),
    );
    await assert.rejects(
      () => issueApiKey(tenancy.kv, db, { tenantId: tenant.id, name: "Website", role: "manager" }, ANA),
      (err: Error) => /disk full/.test(`${err.message} ${err.cause}`),
    );
  });
  assert.deepEqual(await listApiKeys(tenancy.kv, tenant.id), []);
  assert.deepEqual(await Array.fromAsync(tenancy.kv.list({ prefix: ["api_keys"] })), []);
});

Deno.test("a key valid through a date expires when the next day begins on the studio's clocks", () => {
  assert.equal(expiryAfterDay("2025-03-29", "Europe/Paris"), "2025-03-29T23:00:00.000Z");
  // The night the clocks go forward: the 30th still begins at 23:00 UTC on the 29th, the 31st at 22:00.
  assert.equal(expiryAfterDay("2025-03-30", "Europe/Paris"), "2025-03-30T22:00:00.000Z");
  assert.equal(expiryAfterDay("2025-12-31", "America/New_York"), "2026-01-01T05:00:00.000Z");
  assert.equal(expiryAfterDay("2025-02-30", "UTC"), null);
  assert.equal(expiryAfterDay("soon", "UTC"), null);
});

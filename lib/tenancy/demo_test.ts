import assert from "node:assert/strict";
import { bookingOffers } from "../../db/schema/mod.ts";
import { listAudit } from "../audit/audit.ts";
import { verifyPassword } from "../auth/password.ts";
import { getStaffByEmail, listMembers } from "../kv/staff.ts";
import { getTenantBySlug } from "../kv/tenants.ts";
import { testTenancy } from "../testing/test_tenancy.ts";
import { DEMO_OWNER_EMAIL, DEMO_SLUG, DEMO_STUDIO, seedDemo } from "./demo.ts";
import { provisionStudio } from "./provision.ts";
import type { Tenancy } from "./tenancy.ts";

const offers = (tenancy: Tenancy, database: Parameters<Tenancy["pool"]["use"]>[0]) =>
  tenancy.pool.use(database, (db) => db.select({ id: bookingOffers.id }).from(bookingOffers));

Deno.test("seedDemo creates the demo studio with its owner, who signs in with the password in the login file", async () => {
  await using tenancy = await testTenancy();
  const { tenant, created, login } = await seedDemo(tenancy, tenancy.dir);

  assert.equal(created, true);
  assert.deepEqual([tenant.slug, tenant.status, tenant.region], [DEMO_SLUG, "active", "eu"]);
  assert.equal(login.email, DEMO_OWNER_EMAIL);
  assert.deepEqual(JSON.parse(await Deno.readTextFile(login.file)), {
    email: login.email,
    password: login.password,
  });
  assert.equal((await Deno.stat(login.file)).mode! & 0o777, 0o600);
  const owner = await getStaffByEmail(tenancy.kv, DEMO_OWNER_EMAIL);
  assert.ok(owner && await verifyPassword(login.password, owner.passwordHash!));
  assert.deepEqual((await listMembers(tenancy.kv, tenant.id)).map((m) => [m.staffId, m.role]), [[
    owner.id,
    "owner",
  ]]);
  const audit = await tenancy.pool.use(tenant.database, (db) => listAudit(db, { action: "studio.created" }));
  assert.equal(audit.length, 1, "created like a sign-up, through createStudio");
  assert.ok((await offers(tenancy, tenant.database)).length > 0, "the portal has something to book");
});

Deno.test("seedDemo run again keeps the studio, its owner, its password and its data", async () => {
  await using tenancy = await testTenancy();
  const first = await seedDemo(tenancy, tenancy.dir);
  const offersBefore = await offers(tenancy, first.tenant.database);

  const again = await seedDemo(tenancy, tenancy.dir);

  assert.equal(again.created, false);
  assert.equal(again.tenant.id, first.tenant.id);
  assert.deepEqual(again.login, first.login);
  assert.equal((await listMembers(tenancy.kv, first.tenant.id)).length, 1);
  assert.deepEqual(await offers(tenancy, first.tenant.database), offersBefore);
});

Deno.test("seedDemo completes a demo whose creation was killed before its owner was added", async () => {
  await using tenancy = await testTenancy();
  await assert.rejects(provisionStudio(tenancy, { ...DEMO_STUDIO, region: "eu" }, {
    afterStep(step) {
      if (step === "database-created") throw new Error("killed");
    },
  }));
  assert.equal((await getTenantBySlug(tenancy.kv, DEMO_SLUG))?.status, "provisioning");

  const { tenant, created } = await seedDemo(tenancy, tenancy.dir);

  assert.equal(created, true);
  assert.equal(tenant.status, "active");
  assert.equal((await listMembers(tenancy.kv, tenant.id))[0]?.role, "owner");
});

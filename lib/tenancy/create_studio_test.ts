import assert from "node:assert/strict";
import { auditLog } from "../../db/schema/mod.ts";
import { ConflictError } from "../errors.ts";
import { getStaffByEmail, listMembers, listMemberships } from "../kv/staff.ts";
import { getTenantBySlug, listTenants, updateTenant } from "../kv/tenants.ts";
import { newStudio, testTenancy } from "../testing/test_tenancy.ts";
import { createStudio } from "./create_studio.ts";
import { type ProvisionStep, resumeUnfinished } from "./provision.ts";
import type { Tenancy } from "./tenancy.ts";

const OWNER = { email: "Ana@Example.com", password: "violet tractor singing", name: "Ana Lima" };
const STEPS: ProvisionStep[] = ["catalog-written", "database-created", "profile-written"];

class Crash extends Error {}
const throwAt = (at: ProvisionStep) => ({
  afterStep(step: ProvisionStep) {
    if (step === at) throw new Crash(`failed after ${step}`);
  },
});
/** A process killed at `at`: the run never goes further and nothing is rolled back. */
function killAt(at: ProvisionStep) {
  const reached = Promise.withResolvers<void>();
  return {
    reached: reached.promise,
    afterStep: (step: ProvisionStep) => {
      if (step !== at) return;
      reached.resolve();
      return new Promise<void>(() => {});
    },
  };
}

/** Nothing of a studio or its owner left anywhere: catalog, databases, identities, memberships. */
async function assertNothingLeft(tenancy: Tenancy & { dir: string }) {
  assert.deepEqual((await listTenants(tenancy.kv)).tenants, [], "no catalog entry");
  assert.deepEqual(await databaseDirs(tenancy.dir), [], "no orphan database");
  assert.equal(await getStaffByEmail(tenancy.kv, OWNER.email), null, "no owner identity");
  assert.deepEqual(await Array.fromAsync(tenancy.kv.list({ prefix: ["memberships"] })), [], "no membership");
}

Deno.test("a studio is created active with its owner, profile and first audit row", async () => {
  await using tenancy = await testTenancy();
  const { tenant, ownerId } = await createStudio(tenancy, newStudio("blue"), OWNER);
  assert.equal(tenant.status, "active");
  assert.equal((await getTenantBySlug(tenancy.kv, "blue"))?.status, "active");
  const ana = (await getStaffByEmail(tenancy.kv, "ana@example.com"))!;
  assert.equal(ana.id, ownerId);
  assert.deepEqual((await listMembers(tenancy.kv, tenant.id)).map((m) => [m.staffId, m.role]), [[
    ana.id,
    "owner",
  ]]);
  const audit = await tenancy.pool.use(tenant.database, (db) => db.select().from(auditLog));
  assert.deepEqual(audit.map((row) => [row.action, row.actorType]), [["studio.created", "system"]]);
  assert.deepEqual(await databaseDirs(tenancy.dir), [tenant.database.name]);

  // An existing identity becomes the owner of a second studio; no second identity is made.
  const second = await createStudio(tenancy, newStudio("red"), { email: "ana@example.com" });
  assert.equal(second.ownerId, ana.id);
  assert.equal((await listMemberships(tenancy.kv, ana.id)).length, 2);
});

for (const step of STEPS) {
  Deno.test(`a failure after ${step} rolls everything back, and a new attempt succeeds`, async () => {
    await using tenancy = await testTenancy();
    await assert.rejects(createStudio(tenancy, newStudio("crashy"), OWNER, throwAt(step)), Crash);
    await assertNothingLeft(tenancy);
    const { tenant } = await createStudio(tenancy, newStudio("crashy"), OWNER);
    assert.equal(tenant.status, "active");
  });

  Deno.test(`killed after ${step}: no owner exists, and re-running completes it`, async () => {
    await using tenancy = await testTenancy();
    const kill = killAt(step);
    void createStudio(tenancy, newStudio("killed"), OWNER, kill);
    await kill.reached;
    const stuck = (await getTenantBySlug(tenancy.kv, "killed"))!;
    assert.equal(stuck.status, "provisioning", "nobody can enter it");
    assert.equal(await getStaffByEmail(tenancy.kv, OWNER.email), null, "no owner without a studio");
    assert.deepEqual(await listMembers(tenancy.kv, stuck.id), []);

    // Self-service never finishes someone else's attempt; the operator's re-run does.
    await assert.rejects(createStudio(tenancy, newStudio("killed"), OWNER, { resume: false }), ConflictError);
    const { tenant } = await createStudio(tenancy, newStudio("killed"), OWNER, { resume: true });
    assert.equal(tenant.id, stuck.id, "the same record is completed");
    assert.equal(tenant.status, "active");
    assert.deepEqual(await databaseDirs(tenancy.dir), [tenant.database.name], "one database");
    const audit = await tenancy.pool.use(tenant.database, (db) => db.select().from(auditLog));
    assert.equal(audit.length, 1, "the first audit row is written once");
  });
}

Deno.test("resumeUnfinished rolls back a studio whose creation was killed, leaving no orphan", async () => {
  await using tenancy = await testTenancy();
  const kill = killAt("profile-written");
  void createStudio(tenancy, newStudio("killed"), OWNER, kill);
  await kill.reached;
  assert.equal((await databaseDirs(tenancy.dir)).length, 1);
  const report = await resumeUnfinished(tenancy, 0);
  assert.deepEqual(report, { completed: [], deleted: ["killed"], retiredDropped: 0, failed: [] });
  await assertNothingLeft(tenancy);
});

Deno.test("a commit that cannot land (the record changed state) rolls back too", async () => {
  await using tenancy = await testTenancy();
  const options = {
    afterStep: async (step: ProvisionStep) => {
      if (step !== "profile-written") return;
      const tenant = (await getTenantBySlug(tenancy.kv, "raced"))!;
      await updateTenant(tenancy.kv, tenant.id, { status: "suspended" });
    },
  };
  await assert.rejects(createStudio(tenancy, newStudio("raced"), OWNER, options), ConflictError);
  await assertNothingLeft(tenancy);
});

/** Tenant database directories under every region (PGlite), ignoring templates and partial copies. */
async function databaseDirs(dir: string): Promise<string[]> {
  const names: string[] = [];
  const regions = await Array.fromAsync(Deno.readDir(`${dir}/tenants`)).catch(() => []);
  for (const region of regions) {
    if (region.name.startsWith(".")) continue;
    for await (const db of Deno.readDir(`${dir}/tenants/${region.name}`)) names.push(db.name);
  }
  return names.sort();
}

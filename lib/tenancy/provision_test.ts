import assert from "node:assert/strict";
import { studioProfile } from "../../db/schema/mod.ts";
import { ConflictError, ValidationError } from "../errors.ts";
import { getTenantBySlug, listTenants, updateTenant } from "../kv/tenants.ts";
import { testTenancy } from "../testing/test_tenancy.ts";
import { latestVersion } from "./migrations.ts";
import {
  deleteStudio,
  type NewStudio,
  type ProvisionStep,
  provisionStudio,
  resumeUnfinished,
} from "./provision.ts";

const studio = (slug: string, extra: Partial<NewStudio> = {}): NewStudio => ({
  slug,
  name: `Studio ${slug}`,
  timezone: "Europe/Paris",
  currency: "EUR",
  locale: "fr-fr",
  ...extra,
});

class Crash extends Error {}
const crashAt = (at: ProvisionStep) => ({
  afterStep(step: ProvisionStep) {
    if (step === at) throw new Crash(`crashed after ${step}`);
  },
});

Deno.test("provisioning creates an active studio with its profile at the latest schema", async () => {
  await using tenancy = await testTenancy();
  const tenant = await provisionStudio(tenancy, studio("blue-room", { country: "JP" }));
  assert.equal(tenant.status, "active");
  assert.equal(tenant.region, "ap", "region follows the country");
  assert.equal(tenant.locale, "fr-FR");
  assert.equal(tenant.schemaVersion, latestVersion(tenancy.migrations));
  assert.equal(tenant.database.driver, "pglite");
  const rows = await tenancy.pool.use(tenant.database, (db) => db.select().from(studioProfile));
  assert.deepEqual(rows.map((r) => [r.name, r.timezone, r.currency, r.country]), [
    ["Studio blue-room", "Europe/Paris", "EUR", "JP"],
  ]);
});

Deno.test("bad settings are refused field by field before anything is written", async () => {
  await using tenancy = await testTenancy();
  await assert.rejects(
    provisionStudio(tenancy, {
      slug: "No",
      name: " ",
      timezone: "Mars/Base",
      currency: "EURO",
      locale: "??",
      region: "mars",
    }),
    (err: unknown) => {
      assert.ok(err instanceof ValidationError);
      assert.deepEqual(Object.keys(err.fields).sort(), [
        "currency",
        "locale",
        "name",
        "region",
        "slug",
        "timezone",
      ]);
      return true;
    },
  );
  assert.equal((await listTenants(tenancy.kv)).tenants.length, 0);
});

Deno.test("a taken slug is a conflict", async () => {
  await using tenancy = await testTenancy();
  await provisionStudio(tenancy, studio("taken"));
  await assert.rejects(provisionStudio(tenancy, studio("taken")), ConflictError);
});

for (const step of ["catalog-written", "database-created", "profile-written"] as const) {
  Deno.test(`a crash after ${step} is completed by the next attempt, with one database`, async () => {
    await using tenancy = await testTenancy();
    await assert.rejects(provisionStudio(tenancy, studio("crashy"), crashAt(step)), Crash);
    const stuck = await getTenantBySlug(tenancy.kv, "crashy");
    assert.equal(stuck?.status, "provisioning");

    const tenant = await provisionStudio(tenancy, studio("crashy"));
    assert.equal(tenant.id, stuck.id, "the same record is completed");
    assert.equal(tenant.status, "active");
    assert.equal(await tenancy.driver.exists(tenant.database), true);
    const rows = await tenancy.pool.use(tenant.database, (db) => db.select().from(studioProfile));
    assert.equal(rows.length, 1);
    assert.deepEqual(await databaseDirs(tenancy.dir), [tenant.database.name], "no orphan database");
  });
}

Deno.test("resumeUnfinished rolls back stale ownerless provisioning and finishes interrupted deletions", async () => {
  await using tenancy = await testTenancy();
  await assert.rejects(provisionStudio(tenancy, studio("half-made"), crashAt("database-created")), Crash);
  const doomed = await provisionStudio(tenancy, studio("doomed"));
  await updateTenant(tenancy.kv, doomed.id, { status: "deleting" });

  assert.deepEqual(
    await resumeUnfinished(tenancy),
    { completed: [], deleted: ["doomed"], retiredDropped: 0, failed: [] },
    "fresh provisioning is left to its own run",
  );
  const report = await resumeUnfinished(tenancy, 0);
  // Without an owner nobody could use it (createStudio adds the owner as it activates): rolled back.
  assert.deepEqual(report, { completed: [], deleted: ["half-made"], retiredDropped: 0, failed: [] });
  assert.equal(await getTenantBySlug(tenancy.kv, "half-made"), null);
  assert.deepEqual(await databaseDirs(tenancy.dir), [], "no orphan database");
  assert.equal(await getTenantBySlug(tenancy.kv, "doomed"), null);
  assert.equal(await tenancy.driver.exists(doomed.database), false);
});

Deno.test("deleting a studio removes its database and frees its slug", async () => {
  await using tenancy = await testTenancy();
  const tenant = await provisionStudio(tenancy, studio("gone-soon"));
  await tenancy.pool.use(tenant.database, (db) => db.select().from(studioProfile));
  await deleteStudio(tenancy, tenant.id);
  assert.equal(await tenancy.driver.exists(tenant.database), false);
  assert.equal(await getTenantBySlug(tenancy.kv, "gone-soon"), null);
  assert.deepEqual(await databaseDirs(tenancy.dir), []);
  const again = await provisionStudio(tenancy, studio("gone-soon"));
  assert.notEqual(again.id, tenant.id);
});

/** Tenant database directories under every region (PGlite), ignoring templates. */
async function databaseDirs(dir: string): Promise<string[]> {
  const names: string[] = [];
  for await (const region of Deno.readDir(`${dir}/tenants`)) {
    if (region.name.startsWith(".")) continue;
    for await (const db of Deno.readDir(`${dir}/tenants/${region.name}`)) names.push(db.name);
  }
  return names.sort();
}

import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { getTenantBySlug, updateTenant } from "../kv/tenants.ts";
import { testTenancy } from "../testing/test_tenancy.ts";
import { appliedMigrations, latestVersion, loadMigrations, type Migration, rowsOf } from "./migrations.ts";
import { migrateAll } from "./migrate_all.ts";
import { provisionStudio } from "./provision.ts";
import { studioProfile } from "../../db/schema/mod.ts";
import { eq } from "drizzle-orm";

const studio = (slug: string) => ({
  slug,
  name: slug,
  timezone: "UTC",
  currency: "USD",
  locale: "en-US",
});

/** A migration appended to the real ones that fails on any studio named "bad-data". */
function nextMigration(existing: Migration[]): Migration {
  return {
    version: latestVersion(existing) + 1,
    name: "9999_test_check",
    statements: [
      "ALTER TABLE studio_profile ADD COLUMN tagline text",
      "ALTER TABLE studio_profile ADD CONSTRAINT name_is_fine CHECK (name <> 'bad-data')",
    ],
    checksum: "test-check",
  };
}

Deno.test("migrate --all brings every studio up, reports a failing one and can be re-run", async () => {
  const migrations = await loadMigrations();
  // The pool keeps all four studios open from their creation on, so the checks below read the
  // databases as migrateAll left them (reopening would let the PGlite driver migrate on open).
  await using tenancy = await testTenancy({ migrations, poolSize: 8 });
  const slugs = ["one-studio", "two-studio", "bad-data", "four-studio"];
  for (const slug of slugs) await provisionStudio(tenancy, studio(slug));
  const suspended = await getTenantBySlug(tenancy.kv, "four-studio");
  await updateTenant(tenancy.kv, suspended!.id, { status: "suspended" });

  // Nothing pending: every studio is already at the latest version.
  const idle = await migrateAll(tenancy);
  assert.equal(idle.upToDate, 4);
  assert.deepEqual(idle.failed, []);

  const next = nextMigration(migrations);
  tenancy.migrations.push(next);
  const seen: string[] = [];
  const report = await migrateAll(tenancy, {
    concurrency: 2,
    onTenant: (slug, outcome) => seen.push(`${slug}:${outcome}`),
  });
  assert.equal(report.total, 4);
  assert.deepEqual(report.migrated.map((m) => m.slug).sort(), ["four-studio", "one-studio", "two-studio"]);
  assert.deepEqual(report.failed.map((f) => f.slug), ["bad-data"]);
  assert.match(report.failed[0].error, /name_is_fine/);
  assert.equal(seen.length, 4);

  for (const slug of slugs) {
    const tenant = (await getTenantBySlug(tenancy.kv, slug))!;
    const expected = slug === "bad-data" ? next.version - 1 : next.version;
    assert.equal(tenant.schemaVersion, expected, `${slug} version in the catalog`);
    const applied = await tenancy.pool.use(tenant.database, appliedMigrations);
    assert.equal(Math.max(...applied.keys()), expected, `${slug} version in its database`);
  }
  // The failed studio was left exactly as before: the half of the migration that ran is rolled back.
  const bad = (await getTenantBySlug(tenancy.kv, "bad-data"))!;
  const columns = await tenancy.pool.use(
    bad.database,
    (db) =>
      db.execute(
        sql`SELECT column_name FROM information_schema.columns WHERE table_name = 'studio_profile' AND column_name = 'tagline'`,
      ),
  );
  assert.equal(rowsOf(columns).length, 0);

  // Fix the data, run again: only the failed studio is migrated, nothing applied twice.
  await tenancy.pool.use(
    bad.database,
    (db) => db.update(studioProfile).set({ name: "good now" }).where(eq(studioProfile.id, 1)),
  );
  const rerun = await migrateAll(tenancy);
  assert.deepEqual(rerun.migrated.map((m) => m.slug), ["bad-data"]);
  assert.equal(rerun.upToDate, 3);
  assert.deepEqual(rerun.failed, []);
});

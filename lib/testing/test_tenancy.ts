import { tmpdir } from "node:os";
import { join } from "node:path";
import { openKv } from "../kv/open.ts";
import type { TenantDriver } from "../tenancy/drivers/driver.ts";
import { PgliteDriver } from "../tenancy/drivers/pglite.ts";
import { loadMigrations, type Migration } from "../tenancy/migrations.ts";
import type { NewStudio } from "../tenancy/provision.ts";
import { createTenancy, type Tenancy } from "../tenancy/tenancy.ts";

/**
 * PGlite templates shared by every test process: building one runs initdb (seconds), copying it
 * takes a fraction of that, and templates are keyed by their migrations' checksums.
 */
export const SHARED_PGLITE_TEMPLATES = join(tmpdir(), "rsm-pglite-templates");

export interface TestTenancyOptions {
  /** Default: PGlite under a temp dir. */
  driver?: (migrations: Migration[]) => TenantDriver;
  migrations?: Migration[];
  poolSize?: number;
}

/**
 * A tenancy on an in-memory KV, for tests: `await using tenancy = await testTenancy();`.
 * Disposing closes the pool, the driver and the KV and removes the temp dir.
 */
export async function testTenancy(options: TestTenancyOptions = {}): Promise<Tenancy & { dir: string }> {
  const dir = await Deno.makeTempDir({ prefix: "rsm-tenancy-" });
  const migrations = options.migrations ?? await loadMigrations();
  const kv = await openKv(":memory:");
  const driver = options.driver?.(migrations) ??
    new PgliteDriver(`${dir}/tenants`, migrations, SHARED_PGLITE_TEMPLATES);
  const tenancy = createTenancy({
    kv,
    driver,
    migrations,
    regions: ["eu", "us", "ap"],
    defaultRegion: "eu",
    poolSize: options.poolSize ?? 4,
    poolIdleMs: 60_000,
    migrateConcurrency: 4,
  });
  const close = async () => {
    await tenancy.close();
    kv.close();
    await Deno.remove(dir, { recursive: true });
  };
  return { ...tenancy, dir, close, [Symbol.asyncDispose]: close };
}

/** A studio to create in tests: "Studio <slug>", Paris time, euros, English. */
export const newStudio = (slug: string): NewStudio => ({
  slug,
  name: `Studio ${slug}`,
  timezone: "Europe/Paris",
  currency: "EUR",
  locale: "en",
});

// What the tenancy benchmarks build on: studios to provision, tenancies over each driver, temp dirs
// that are removed even when the run is interrupted.
import { createHash } from "node:crypto";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { openKv } from "../../lib/kv/open.ts";
import type { TenantDriver } from "../../lib/tenancy/drivers/driver.ts";
import { PgliteDriver } from "../../lib/tenancy/drivers/pglite.ts";
import { PostgresDriver } from "../../lib/tenancy/drivers/postgres.ts";
import { latestVersion, type Migration } from "../../lib/tenancy/migrations.ts";
import type { NewStudio } from "../../lib/tenancy/provision.ts";
import { createTenancy, type Tenancy } from "../../lib/tenancy/tenancy.ts";

export const REGION = "eu";

/** Studio number `n` (1-based): a valid sign-up whose slug sorts in creation order. */
export function benchStudio(n: number, prefix = "bench"): NewStudio {
  return {
    slug: `${prefix}-${String(n).padStart(5, "0")}`,
    name: `Bench Studio ${n}`,
    region: REGION,
    timezone: "Europe/Paris",
    currency: "EUR",
    locale: "fr-FR",
  };
}

/** One more migration after the real ones, as `deno task db:generate` would append it. */
export function appendedMigration(migrations: Migration[]): Migration[] {
  const sql = "ALTER TABLE studio_profile ADD COLUMN bench_note text";
  const version = latestVersion(migrations) + 1;
  return [...migrations, {
    version,
    name: `${String(version - 1).padStart(4, "0")}_bench_note`,
    statements: [sql],
    checksum: createHash("sha256").update(sql).digest("hex"),
  }];
}

export interface TenancyOver {
  kv: Deno.Kv;
  migrations: Migration[];
  poolSize: number;
  migrateConcurrency?: number;
}

/** A tenancy over one local Postgres server, serving region "eu". */
export function postgresTenancy(
  url: string,
  options: TenancyOver & { connectionsPerTenant: number },
): Tenancy {
  const driver = new PostgresDriver({
    clusters: { [REGION]: url },
    migrations: options.migrations,
    maxConnectionsPerTenant: options.connectionsPerTenant,
  });
  return tenancyOf(driver, options);
}

/** A tenancy over PGlite directories under `root`, its template built under `root` too. */
export function pgliteTenancy(root: string, options: TenancyOver): Tenancy {
  const driver = new PgliteDriver(join(root, "tenants"), options.migrations, join(root, "templates"));
  return tenancyOf(driver, options);
}

function tenancyOf(driver: TenantDriver, options: TenancyOver): Tenancy {
  return createTenancy({
    kv: options.kv,
    driver,
    migrations: options.migrations,
    regions: [REGION],
    defaultRegion: REGION,
    poolSize: options.poolSize,
    poolIdleMs: 10 * 60_000,
    migrateConcurrency: options.migrateConcurrency ?? 8,
    onCloseError: (err) => console.error("tenant database close failed:", err),
  });
}

/** The control-plane KV as the app keeps it by default: a SQLite file under DATA_DIR. */
export function openFileKv(dir: string): Promise<Deno.Kv> {
  return openKv(join(dir, "kv.sqlite"));
}

const tempDirs = new Set<string>();
globalThis.addEventListener("unload", () => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** A temp dir removed on dispose, or at exit when the run is cut short. */
export async function benchTempDir(prefix: string): Promise<{ path: string } & AsyncDisposable> {
  const path = await Deno.makeTempDir({ prefix: `rsm-bench-${prefix}-` });
  tempDirs.add(path);
  return {
    path,
    [Symbol.asyncDispose]: async () => {
      tempDirs.delete(path);
      await Deno.remove(path, { recursive: true });
    },
  };
}

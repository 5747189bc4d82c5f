import type { TenantDriver } from "./drivers/driver.ts";
import type { Migration } from "./migrations.ts";
import { TenantPool } from "./pool.ts";
import { TenantLookup } from "./tenant_lookup.ts";

/** Everything that provisions, migrates and opens studios' databases, assembled once per process. */
export interface Tenancy extends AsyncDisposable {
  kv: Deno.Kv;
  driver: TenantDriver;
  pool: TenantPool;
  /** Address → studio, remembered for a moment (see TenantLookup). */
  lookup: TenantLookup;
  migrations: Migration[];
  regions: readonly string[];
  defaultRegion: string;
  migrateConcurrency: number;
  close(): Promise<void>;
}

export interface TenancyOptions {
  kv: Deno.Kv;
  driver: TenantDriver;
  migrations: Migration[];
  regions: readonly string[];
  defaultRegion: string;
  poolSize: number;
  poolIdleMs: number;
  migrateConcurrency: number;
  /** How long a resolved address is reused; default 2 s, 0 = always read the catalog. */
  lookupTtlMs?: number;
  onCloseError?(err: unknown): void;
}

/** Ties a driver to the pool of open databases; closing it closes both (not the KV, which the caller owns). */
export function createTenancy(options: TenancyOptions): Tenancy {
  const { kv, driver, migrations, regions, defaultRegion, migrateConcurrency } = options;
  const pool = new TenantPool({
    max: options.poolSize,
    idleMs: options.poolIdleMs,
    open: (locator) => driver.open(locator),
    onCloseError: options.onCloseError,
  });
  const close = async () => {
    await pool.close();
    await driver.close();
  };
  const lookup = new TenantLookup(kv, { ttlMs: options.lookupTtlMs ?? 2000, maxEntries: 10_000 });
  return {
    kv,
    driver,
    pool,
    lookup,
    migrations,
    regions,
    defaultRegion,
    migrateConcurrency,
    close,
    [Symbol.asyncDispose]: close,
  };
}

import type { Config } from "../config.ts";
import { log } from "../http/logger.ts";
import type { TenantDriver } from "./drivers/driver.ts";
import { NeonDriver } from "./drivers/neon.ts";
import { PgliteDriver } from "./drivers/pglite.ts";
import { PostgresDriver } from "./drivers/postgres.ts";
import { loadMigrations, type Migration } from "./migrations.ts";
import { createTenancy, type Tenancy } from "./tenancy.ts";

/** The driver TENANT_DRIVER names, configured from the environment. */
export function driverFromConfig(config: Config, migrations: Migration[]): TenantDriver {
  const t = config.tenancy;
  switch (t.driver) {
    case "pglite":
      return new PgliteDriver(`${config.dataDir}/tenants`, migrations);
    case "postgres":
      return new PostgresDriver({
        clusters: t.postgresUrls,
        migrations,
        maxConnectionsPerTenant: t.connectionsPerTenant,
      });
    case "neon":
      return new NeonDriver({
        apiKey: t.neon.apiKey!,
        apiBase: t.neon.apiUrl,
        regions: t.neon.regionIds,
        migrations,
        maxConnectionsPerTenant: t.connectionsPerTenant,
      });
  }
}

/** The process's tenancy: configured driver, pool sized from the environment, migrations from db/migrations. */
export async function tenancyFromConfig(config: Config, kv: Deno.Kv): Promise<Tenancy> {
  const migrations = await loadMigrations();
  const t = config.tenancy;
  return createTenancy({
    kv,
    driver: driverFromConfig(config, migrations),
    migrations,
    regions: t.regions,
    defaultRegion: t.defaultRegion,
    poolSize: t.poolSize,
    poolIdleMs: t.poolIdleMs,
    migrateConcurrency: t.migrateConcurrency,
    onCloseError: (err) => log.warn("tenant database close failed", { error: String(err) }),
  });
}

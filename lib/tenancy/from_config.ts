import type { Config } from "../config.ts";
import { log } from "../http/logger.ts";
import type { TenantDriver } from "./drivers/driver.ts";
import { loadMigrations, type Migration } from "./migrations.ts";
import { createTenancy, type Tenancy } from "./tenancy.ts";

/**
 * The driver TENANT_DRIVER names, configured from the environment. Only that driver's module is
 * loaded: each pulls in its own database client, and start-up time counts.
 */
export async function driverFromConfig(config: Config, migrations: Migration[]): Promise<TenantDriver> {
  const t = config.tenancy;
  switch (t.driver) {
    case "pglite": {
      const { PgliteDriver } = await import("./drivers/pglite.ts");
      return new PgliteDriver(`${config.dataDir}/tenants`, migrations);
    }
    case "postgres": {
      const { PostgresDriver } = await import("./drivers/postgres.ts");
      return new PostgresDriver({
        clusters: t.postgresUrls,
        migrations,
        maxConnectionsPerTenant: t.connectionsPerTenant,
      });
    }
    case "neon": {
      const { NeonDriver } = await import("./drivers/neon.ts");
      return new NeonDriver({
        apiKey: t.neon.apiKey!,
        apiBase: t.neon.apiUrl,
        regions: t.neon.regionIds,
        migrations,
        maxConnectionsPerTenant: t.connectionsPerTenant,
      });
    }
  }
}

/** The process's tenancy: configured driver, pool sized from the environment, migrations from db/migrations. */
export async function tenancyFromConfig(config: Config, kv: Deno.Kv): Promise<Tenancy> {
  const migrations = await loadMigrations();
  const t = config.tenancy;
  return createTenancy({
    kv,
    driver: await driverFromConfig(config, migrations),
    migrations,
    regions: t.regions,
    defaultRegion: t.defaultRegion,
    poolSize: t.poolSize,
    poolIdleMs: t.poolIdleMs,
    migrateConcurrency: t.migrateConcurrency,
    onCloseError: (err) => log.warn("tenant database close failed", { error: String(err) }),
  });
}

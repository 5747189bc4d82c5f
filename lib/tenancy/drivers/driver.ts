import type { DatabaseLocator, DriverName } from "../../kv/tenants.ts";
import type { TenantConnection } from "../tenant_db.ts";

/**
 * Where studios' databases live. One implementation per driver; provisioning, migrations and
 * the connection pool only speak to this interface.
 */
export interface TenantDriver {
  readonly name: DriverName;
  /**
   * Creates the database `name` in `region` at the latest schema (copied from a migrated
   * template). Idempotent: an existing database is left as it is.
   */
  create(region: string, name: string): Promise<DatabaseLocator>;
  exists(locator: DatabaseLocator): Promise<boolean>;
  open(locator: DatabaseLocator): Promise<TenantConnection>;
  /** Removes the database; a missing one is not an error. */
  drop(locator: DatabaseLocator): Promise<void>;
  /** Releases what the driver itself holds (admin connections). */
  close(): Promise<void>;
}

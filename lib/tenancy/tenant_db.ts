import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type * as schema from "../../db/schema/mod.ts";

/** A studio's database through Drizzle, whatever the driver underneath. */
export type TenantDb = PgDatabase<PgQueryResultHKT, typeof schema>;

/** An open tenant database and how to release it. */
export interface TenantConnection {
  db: TenantDb;
  close(): Promise<void>;
}

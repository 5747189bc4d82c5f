import {
  createTableRelationsHelpers,
  extractTablesRelationalConfig,
  type ExtractTablesWithRelations,
  type RelationalSchemaConfig,
} from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { drizzle, PostgresJsDatabase, PostgresJsSession } from "drizzle-orm/postgres-js";
import type postgres from "postgres";
import * as schema from "../../../db/schema/mod.ts";
import type { TenantDb } from "../tenant_db.ts";

type Relational = RelationalSchemaConfig<ExtractTablesWithRelations<typeof schema>>;

let relational: Relational | undefined;

/**
 * What `drizzle(client, { schema })` builds, with the schema's relational config computed once per
 * process: drizzle derives it again on every call, walking every table and column, and the
 * postgres driver makes one instance per studio opened — over a quarter of what an open allocated
 * once fetch_types was off (docs/BENCHMARKS.md, Tenancy, "Memory"). The config is only read, so
 * instances share it.
 */
export function postgresJsDb(client: postgres.Sql): TenantDb {
  // Without a schema, drizzle() is cheap and still installs its type parsers on the client.
  drizzle(client);
  relational ??= relationalConfig();
  const dialect = new PgDialect();
  const session = new PostgresJsSession(client, dialect, relational);
  const db = new PostgresJsDatabase<typeof schema>(dialect, session, relational);
  return Object.assign(db, { $client: client }) as unknown as TenantDb;
}

function relationalConfig(): Relational {
  const { tables, tableNamesMap } = extractTablesRelationalConfig(schema, createTableRelationsHelpers);
  // drizzle() makes the same cast: the tables' config is typed from the schema, not computed.
  return { fullSchema: schema, schema: tables as Relational["schema"], tableNamesMap };
}

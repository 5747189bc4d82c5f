// Runs the migrations of slow_migrations.ts against Deno.args[0]; the crash test kills it mid-way.
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "../../../db/schema/mod.ts";
import { migrate } from "../migrations.ts";
import type { TenantDb } from "../tenant_db.ts";
import { slowMigrations } from "./slow_migrations.ts";

const client = postgres(Deno.args[0], { max: 1, onnotice: () => {} });
await migrate(drizzle(client, { schema }) as unknown as TenantDb, await slowMigrations());
await client.end();

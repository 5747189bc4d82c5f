import { sql } from "drizzle-orm";
import { rowsOf } from "./migrations.ts";
import { SharedReads } from "./shared_read.ts";
import type { TenantDb } from "./tenant_db.ts";

/**
 * The studio's data version (migration 0008): a counter that moves, in the same commit, with every
 * committed change to the studio's data except the audit log — whoever makes it. Two reads that
 * return the same version saw the same data, so anything computed from the data after reading the
 * version may be reused for as long as the version stays the same (lib/tenancy/versioned_cache.ts).
 */
export async function dataVersion(db: Pick<TenantDb, "execute">): Promise<string> {
  const [row] = rowsOf<{ version: string | number | bigint }>(
    await db.execute(sql`SELECT version FROM data_version WHERE id = 1`),
  );
  if (row === undefined) throw new Error("The studio's database has no data_version row: migrate it.");
  return String(row.version);
}

const sharedVersions = new SharedReads<Pick<TenantDb, "execute">, string>(dataVersion);

/**
 * The data version as {@link dataVersion} reads it, sharing one query among the callers that ask at
 * the same time on the same database handle (lib/tenancy/shared_read.ts): never older than the call.
 * Not for a transaction, whose snapshot is its own.
 */
export function currentDataVersion(db: Pick<TenantDb, "execute">): Promise<string> {
  return sharedVersions.get(db);
}

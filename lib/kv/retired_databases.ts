/**
 * Databases a studio has moved away from, waiting to be dropped. Written before the catalog switches
 * to the new database, so a crash between the switch and the drop leaves a note, not an orphan.
 *
 * Key shape:
 *
 *   ["retired_databases", tenantId, locator.name] → { tenantId, locator, retiredAt }
 */
import type { DatabaseLocator } from "./tenants.ts";

export interface RetiredDatabase {
  tenantId: string;
  locator: DatabaseLocator;
  /** ISO instant. */
  retiredAt: string;
}

const key = (tenantId: string, name: string): Deno.KvKey => ["retired_databases", tenantId, name];

export async function retireDatabase(kv: Deno.Kv, tenantId: string, locator: DatabaseLocator): Promise<void> {
  await kv.set(key(tenantId, locator.name), { tenantId, locator, retiredAt: new Date().toISOString() });
}

export async function listRetiredDatabases(kv: Deno.Kv): Promise<RetiredDatabase[]> {
  const found: RetiredDatabase[] = [];
  for await (const entry of kv.list<RetiredDatabase>({ prefix: ["retired_databases"] })) {
    found.push(entry.value);
  }
  return found;
}

export async function forgetRetiredDatabase(kv: Deno.Kv, retired: RetiredDatabase): Promise<void> {
  await kv.delete(key(retired.tenantId, retired.locator.name));
}

import { forgetRetiredDatabase, type RetiredDatabase } from "../kv/retired_databases.ts";
import { getTenant } from "../kv/tenants.ts";
import type { Tenancy } from "./tenancy.ts";

/**
 * Drops a database a studio moved away from and forgets the note. A note for the database the
 * catalog still uses (the crash came before the switch) is only forgotten.
 */
export async function dropRetired(tenancy: Tenancy, retired: RetiredDatabase): Promise<void> {
  const tenant = await getTenant(tenancy.kv, retired.tenantId);
  const inUse = tenant?.database.name === retired.locator.name &&
    tenant.database.region === retired.locator.region;
  if (!inUse) {
    await tenancy.pool.evict(retired.locator);
    await tenancy.driver.drop(retired.locator);
  }
  await forgetRetiredDatabase(tenancy.kv, retired);
}

import { ValidationError } from "../errors.ts";
import { retireDatabase } from "../kv/retired_databases.ts";
import { getTenant, type Tenant, updateTenant } from "../kv/tenants.ts";
import { restoreBackup, writeBackup } from "./backup.ts";
import { databaseNameFor } from "./provision.ts";
import { dropRetired } from "./retired.ts";
import type { Tenancy } from "./tenancy.ts";

/**
 * Moves a studio's database to another region: suspend (no writes), copy through the portable backup
 * format straight into a new database in the target region (one transaction), point the catalog at
 * it, drop the old one, and restore the studio's previous status. Re-running after a crash repeats
 * the copy with `replace`, so a half-done move is finished, never doubled.
 */
export async function moveStudio(tenancy: Tenancy, tenantId: string, region: string): Promise<Tenant> {
  if (!tenancy.regions.includes(region)) {
    throw new ValidationError({ region: `Choose one of the regions: ${tenancy.regions.join(", ")}.` });
  }
  let tenant = (await getTenant(tenancy.kv, tenantId))!;
  if (tenant.region === region && tenant.database.region === region) return tenant;
  if (tenant.status !== "active" && tenant.status !== "suspended") {
    throw new ValidationError({
      slug: `"${tenant.slug}" is ${tenant.status}; only active or suspended studios move.`,
    });
  }
  const statusAfter = tenant.status;
  const source = tenant.database;
  tenant = await updateTenant(tenancy.kv, tenant.id, { status: "suspended" });
  tenancy.lookup.forget(tenant);
  // Requests in flight finish on the old database; nothing new can lease it while suspended.
  await tenancy.pool.evict(source);

  const target = await tenancy.driver.create(region, `${databaseNameFor(tenant.id)}_${region}`);
  const pipe = new TransformStream<Uint8Array, Uint8Array>();
  await tenancy.pool.use(source, (from) =>
    tenancy.pool.use(target, (to) =>
      Promise.all([
        writeBackup(from, pipe.writable, { tenantId: tenant.id, slug: tenant.slug }),
        restoreBackup(to, pipe.readable, { replace: true }),
      ])));
  await retireDatabase(tenancy.kv, tenant.id, source);
  tenant = await updateTenant(tenancy.kv, tenant.id, { region, database: target, status: statusAfter });
  tenancy.lookup.forget(tenant);
  await dropRetired(tenancy, { tenantId: tenant.id, locator: source, retiredAt: "" });
  return tenant;
}

import { taxRates } from "../../db/schema/mod.ts";
import { newId } from "../kv/ids.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";

/** Inserts a tax rate (VAT 20% unless told otherwise) and returns it. */
export async function insertTaxRate(db: TenantDb, fields: Partial<typeof taxRates.$inferInsert> = {}) {
  const [row] = await db.insert(taxRates).values({ id: newId("tax"), name: "VAT", rate: "20", ...fields })
    .returning();
  return row;
}

/**
 * The studio's tax rates (VAT 20%, GST 5%, QST 9.975%): what staff pick for services, new lines and the
 * billing defaults. Lines copy a tax's name and rate when written (document_lines.taxes), so editing or
 * archiving a rate never changes a document already written with it. See docs/BILLING.md ("Taxes").
 */
import { and, asc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { billingSettings, taxRates } from "../../db/schema/mod.ts";
import { type ActingAs, changedFields, recordAudit } from "../audit/audit.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { newId } from "../kv/ids.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { parseInput } from "../validation.ts";
import { mul, ratio, toDecimalText } from "./currency_decimal.ts";
import { parseTaxRate } from "./tax.ts";

export type TaxRate = typeof taxRates.$inferSelect;

type Tx = Parameters<Parameters<TenantDb["transaction"]>[0]>[0];
/** A database or an open transaction. */
type Db = TenantDb | Tx;

/** What a tax rate is written from: a page's form or the API. */
export interface TaxRateInput {
  name: string;
  /** A percentage as typed: "20", "9.975". */
  rate: string;
  compound?: boolean;
  /** A report label: "standard", "reduced", "exempt". */
  category?: string | null;
}

const taxRateSchema = z.object({
  name: z.string({ error: "Give the tax a name, such as VAT 20%." }).trim()
    .min(1, "Give the tax a name, such as VAT 20%.").max(100, "At most 100 characters."),
  rate: z.string({ error: "Give the rate as a percentage, such as 20 or 9.975." }).trim(),
  compound: z.boolean().default(false),
  category: z.string().trim().max(50, "At most 50 characters.").nullish().transform((v) => v || null),
});

/** Validated input with the rate in its shortest exact text ("20.00" → "20"). */
function parseTaxRateInput(input: TaxRateInput) {
  const data = parseInput(taxRateSchema, input);
  // A comma typed as the decimal separator ("9,975") is what a French bookkeeper writes.
  const typed = data.rate.replace(",", ".");
  const rate = toDecimalText(mul(parseTaxRate(typed, "rate"), ratio(100n)))!;
  return { ...data, rate };
}

const audited = (rate: Pick<TaxRate, "name" | "rate" | "compound" | "category">) => ({
  name: rate.name,
  rate: rate.rate,
  compound: rate.compound,
  category: rate.category,
});

/**
 * The studio's tax rates by name; archived ones only when asked (pages that offer rates to pick never
 * ask, so an archived rate is no longer put on anything new).
 */
export async function listTaxRates(db: Db, options: { includeArchived?: boolean } = {}): Promise<TaxRate[]> {
  return await db.select().from(taxRates)
    .where(options.includeArchived ? undefined : isNull(taxRates.archivedAt))
    .orderBy(sql`${taxRates.archivedAt} IS NOT NULL`, asc(taxRates.name), asc(taxRates.id));
}

/** A tax rate, archived or not; NotFoundError when there is none with that id. */
export async function getTaxRate(db: Db, id: string): Promise<TaxRate> {
  const [row] = await db.select().from(taxRates).where(eq(taxRates.id, id));
  if (!row) throw new NotFoundError("No tax rate with this id.");
  return row;
}

/**
 * Checks that every id names a tax rate that is not archived, in a ValidationError on `field`
 * otherwise; returns the ids without repeats, in the order given (the order taxes are levied in).
 */
export async function requireActiveTaxRates(
  db: Db,
  ids: readonly string[],
  field: string,
): Promise<string[]> {
  const unique = [...new Set(ids.map((id) => id.trim()).filter(Boolean))];
  if (unique.length === 0) return [];
  if (unique.length > 5) throw new ValidationError({ [field]: "Choose at most 5 taxes." });
  const rows = await db.select({ id: taxRates.id }).from(taxRates)
    .where(and(inArray(taxRates.id, unique), isNull(taxRates.archivedAt)));
  if (rows.length !== unique.length) {
    throw new ValidationError({
      [field]: "Choose tax rates from the list: one of these is archived or gone.",
    });
  }
  return unique;
}

/** Adds a tax rate, audited as `tax_rate.created`. */
export async function createTaxRate(db: TenantDb, input: TaxRateInput, acting: ActingAs): Promise<TaxRate> {
  const data = parseTaxRateInput(input);
  return await db.transaction(async (tx) => {
    const [row] = await tx.insert(taxRates).values({ id: newId("tax"), ...data }).returning();
    await recordAudit(tx, {
      ...acting,
      action: "tax_rate.created",
      entity: { type: "tax_rate", id: row.id },
      changes: changedFields(null, audited(row)),
    });
    return row;
  });
}

/**
 * Changes a tax rate's name, rate, kind or category, audited as `tax_rate.updated` with what changed.
 * Documents already written keep the tax as they copied it; drafts pick up the change when next saved.
 */
export async function updateTaxRate(
  db: TenantDb,
  id: string,
  input: TaxRateInput,
  acting: ActingAs,
): Promise<TaxRate> {
  const data = parseTaxRateInput(input);
  return await db.transaction(async (tx) => {
    const [before] = await tx.select().from(taxRates).where(eq(taxRates.id, id)).for("update");
    if (!before) throw new NotFoundError("No tax rate with this id.");
    const [row] = await tx.update(taxRates).set(data).where(eq(taxRates.id, id)).returning();
    const changes = changedFields(audited(before), audited(row));
    if (Object.keys(changes).length > 0) {
      await recordAudit(tx, {
        ...acting,
        action: "tax_rate.updated",
        entity: { type: "tax_rate", id },
        changes,
      });
    }
    return row;
  });
}

/**
 * Archives a tax rate (`tax_rate.archived`): it is no longer offered for new lines, services or
 * defaults, and leaves the studio's default taxes. Documents and services that name it keep it.
 */
export async function archiveTaxRate(db: TenantDb, id: string, acting: ActingAs): Promise<TaxRate> {
  return await setArchived(db, id, true, acting);
}

/** Offers an archived tax rate again (`tax_rate.restored`). */
export async function restoreTaxRate(db: TenantDb, id: string, acting: ActingAs): Promise<TaxRate> {
  return await setArchived(db, id, false, acting);
}

async function setArchived(db: TenantDb, id: string, archive: boolean, acting: ActingAs) {
  return await db.transaction(async (tx) => {
    const [row] = await tx.update(taxRates)
      .set({ archivedAt: archive ? new Date() : null })
      .where(and(eq(taxRates.id, id), archive ? isNull(taxRates.archivedAt) : isNotNull(taxRates.archivedAt)))
      .returning();
    // Already in the asked state: nothing to record.
    if (!row) return await getTaxRate(tx, id);
    if (archive) {
      await tx.update(billingSettings)
        .set({ defaultTaxRateIds: sql`array_remove(${billingSettings.defaultTaxRateIds}, ${id})` })
        .where(eq(billingSettings.id, 1));
    }
    await recordAudit(tx, {
      ...acting,
      action: archive ? "tax_rate.archived" : "tax_rate.restored",
      entity: { type: "tax_rate", id },
    });
    return row;
  });
}

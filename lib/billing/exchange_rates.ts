/**
 * Exchange rates staff keep: units of the studio's base currency per unit of another currency
 * ("1 USD = 0.9231 EUR" is stored as USD → "0.9231"). A draft in that currency takes the rate when it is
 * written and an issued document keeps it for good (billing_documents.exchange_rate), so changing a
 * rate never alters what was issued.
 */
import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { exchangeRates } from "../../db/schema/mod.ts";
import { type ActingAs, recordAudit } from "../audit/audit.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { parseInput } from "../validation.ts";
import { isActiveCurrency, normalizeExchangeRate } from "./currency.ts";
import { getIssuer } from "./settings.ts";

export type ExchangeRate = typeof exchangeRates.$inferSelect;

export interface ExchangeRateInput {
  /** ISO 4217 code of the other currency, e.g. "USD". */
  currency: string;
  /** Units of the base currency per unit of `currency`, as typed: "0.9231" or "0,9231". */
  rate: string;
}

const exchangeRateSchema = z.object({
  currency: z.string({ error: "Choose a currency." }).trim().toUpperCase().refine(
    isActiveCurrency,
    "Choose an active ISO 4217 currency, such as USD.",
  ),
  rate: z.string({ error: "Give the rate, such as 0.9231." }).trim().min(1, "Give the rate, such as 0.9231."),
});

/** Every rate by currency code, with when and by whom it was last set. */
export async function listExchangeRates(db: Pick<TenantDb, "select">): Promise<ExchangeRate[]> {
  return await db.select().from(exchangeRates).orderBy(asc(exchangeRates.currency));
}

/**
 * Sets (adds or replaces) the rate of a currency against the studio's base currency, audited as
 * `exchange_rate.set` with the old and new rate. The base currency itself has no rate (it is 1).
 *
 * ```ts
 * await setExchangeRate(db, { currency: "USD", rate: "0.9231" }, actingAs(ctx));
 * ```
 */
export async function setExchangeRate(
  db: TenantDb,
  input: ExchangeRateInput,
  acting: ActingAs,
): Promise<ExchangeRate> {
  const data = parseInput(exchangeRateSchema, input);
  // A comma is how much of the world writes the decimal point.
  const rate = normalizeExchangeRate(data.rate.replace(",", "."), "rate");
  return await db.transaction(async (tx) => {
    const { baseCurrency } = await getIssuer(tx);
    if (data.currency === baseCurrency) {
      throw new ValidationError({
        currency: `${baseCurrency} is the studio's own currency: its rate is always 1.`,
      });
    }
    const [before] = await tx.select().from(exchangeRates).where(eq(exchangeRates.currency, data.currency))
      .for("update");
    const values = { rate, updatedAt: new Date(), updatedBy: actorName(acting) };
    const [row] = await tx.insert(exchangeRates).values({ currency: data.currency, ...values })
      .onConflictDoUpdate({ target: exchangeRates.currency, set: values })
      .returning();
    if (before?.rate !== rate) {
      await recordAudit(tx, {
        ...acting,
        action: "exchange_rate.set",
        entity: { type: "exchange_rate", id: data.currency },
        changes: { rate: { ...(before ? { before: before.rate } : {}), after: rate } },
      });
    }
    return row;
  });
}

/**
 * Removes a currency's rate (`exchange_rate.deleted`): new drafts in it are refused until a rate is set
 * again; documents already written keep theirs.
 */
export async function deleteExchangeRate(db: TenantDb, currency: string, acting: ActingAs): Promise<void> {
  const code = currency.trim().toUpperCase();
  await db.transaction(async (tx) => {
    const [row] = await tx.delete(exchangeRates).where(eq(exchangeRates.currency, code)).returning();
    if (!row) throw new NotFoundError(`There is no exchange rate for ${code}.`);
    await recordAudit(tx, {
      ...acting,
      action: "exchange_rate.deleted",
      entity: { type: "exchange_rate", id: code },
      changes: { rate: { before: row.rate } },
    });
  });
}

/** How a rate's last editor is shown: their e-mail for staff, else what kind of actor it was. */
function actorName(acting: ActingAs): string {
  return acting.actor.label ?? acting.actor.id ?? acting.actor.type;
}

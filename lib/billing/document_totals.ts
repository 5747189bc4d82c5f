import type { billingDocuments, documentLines } from "../../db/schema/mod.ts";
import { computeTotals, type Discount, type DocumentInput, type DocumentTotals } from "./totals.ts";

type DocumentFields = Pick<
  typeof billingDocuments.$inferSelect,
  | "currency"
  | "baseCurrency"
  | "exchangeRate"
  | "roundingMode"
  | "pricesIncludeTax"
  | "discountPercent"
  | "discountAmount"
  | "depositsApplied"
>;
type LineFields = Pick<
  typeof documentLines.$inferSelect,
  "quantity" | "unitPrice" | "discountPercent" | "discountAmount" | "taxes"
>;

const discountOf = (percent: string | null, amount: number | null): Discount | undefined =>
  percent !== null ? { percent } : amount !== null ? { amount } : undefined;

/** The totals engine's input for a stored (or about to be stored) document and its lines. */
export function totalsInput(
  doc: DocumentFields,
  lines: readonly LineFields[],
  paymentsMade = 0,
): DocumentInput {
  return {
    currency: doc.currency,
    roundingMode: doc.roundingMode,
    pricesIncludeTax: doc.pricesIncludeTax,
    lines: lines.map((line) => ({
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      discount: discountOf(line.discountPercent, line.discountAmount),
      taxes: line.taxes,
    })),
    documentDiscount: discountOf(doc.discountPercent, doc.discountAmount),
    depositsPaid: doc.depositsApplied,
    paymentsMade,
    exchange: doc.currency === doc.baseCurrency
      ? undefined
      : { baseCurrency: doc.baseCurrency, rate: doc.exchangeRate },
  };
}

/**
 * Every figure of a document, computed from its lines by the one totals engine: what pages, PDFs,
 * payments and the API print. `paymentsMade` is what has been received (net of refunds).
 */
export function documentTotals(
  doc: DocumentFields,
  lines: readonly LineFields[],
  paymentsMade = 0,
): DocumentTotals {
  return computeTotals(totalsInput(doc, lines, paymentsMade));
}

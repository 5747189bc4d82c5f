/**
 * Turning a quote into invoices (docs/BILLING.md, "Quotes"): the final invoice copies the quote line
 * for line and deducts the deposits already paid on it; a deposit invoice asks for a share of the
 * quote's total up front, as a payment on account without tax lines.
 *
 * ```ts
 * const invoice = await convertQuote(db, quoteId, version, { target: "invoice" }, acting);
 * const deposit = await convertQuote(db, quoteId, version, { target: "deposit_invoice", percent: "30" }, acting);
 * ```
 */
import { and, eq, inArray, notInArray } from "drizzle-orm";
import { billingDocuments, depositApplications } from "../../db/schema/mod.ts";
import { type ActingAs, recordAudit } from "../audit/audit.ts";
import { ConflictError, ValidationError } from "../errors.ts";
import { createTranslator, isSupportedLocale } from "../i18n/mod.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { parseInput } from "../validation.ts";
import { mul, parseDecimal, ratio, roundHalfAwayFromZero, toDecimalText } from "./currency_decimal.ts";
import { draftInputSchema } from "./document_input.ts";
import { type BillingDocument, insertDraft, type Tx } from "./documents.ts";
import { draftInputOf, lockQuote, revisionsOf } from "./quotes.ts";
import { getIssuer } from "./settings.ts";

export type ConversionTarget = "invoice" | "deposit_invoice";

export interface ConversionInput {
  target: ConversionTarget;
  /** Deposit invoices: the share of the quote's total, an exact decimal percentage ("30", "12.5"). */
  percent?: string | number | null;
}

/**
 * Makes a draft invoice or deposit invoice from an accepted quote, or from a sent one when staff
 * convert on the client's word (the audit entry says so). `invoice`: the same lines, taxes and
 * discount, linked to the quote, deducting every issued and paid deposit invoice of the quote not yet
 * deducted elsewhere; the quote becomes `converted`. `deposit_invoice`: one untaxed line of `percent`
 * of the quote's total, rounded once to the currency's minor unit; the quote keeps its status, so it
 * can later become the final invoice. One transaction, audited as `quote.converted` or
 * `quote.deposit_invoiced` on the quote (and `<kind>.created` on the new draft).
 */
export async function convertQuote(
  db: TenantDb,
  id: string,
  version: number,
  input: ConversionInput,
  acting: ActingAs,
): Promise<BillingDocument> {
  if (input.target !== "invoice" && input.target !== "deposit_invoice") {
    throw new ValidationError({ target: "Choose an invoice or a deposit invoice." });
  }
  return await db.transaction(async (tx) => {
    const quote = await lockQuote(tx, id, version);
    if (quote.status === "converted") {
      throw new ConflictError(`Quote ${quote.number} has already been converted to an invoice.`);
    }
    if (quote.status !== "accepted" && quote.status !== "sent") {
      throw new ConflictError(
        quote.status === "draft"
          ? "Send the quote before converting it."
          : `Quote ${quote.number} is ${quote.status}: only an accepted (or sent) quote converts.`,
      );
    }
    const family = await revisionsOf(tx, quote);
    if (family.some((r) => r.revision > quote.revision && r.status !== "draft")) {
      throw new ConflictError(`A newer revision of quote ${quote.number} was sent: convert that one.`);
    }
    const onClientWord = quote.status === "sent";
    return input.target === "invoice"
      ? await finalInvoice(tx, quote, family.map((r) => r.id), onClientWord, acting)
      : await depositInvoice(tx, quote, family.map((r) => r.id), input.percent, onClientWord, acting);
  });
}

async function finalInvoice(
  tx: Tx,
  quote: BillingDocument,
  familyIds: string[],
  onClientWord: boolean,
  acting: ActingAs,
): Promise<BillingDocument> {
  // Bookings stay out: only invoicing the session itself marks it invoiced (invoiced_bookings).
  const data = parseInput(draftInputSchema, {
    ...draftInputOf(quote, { keepBookings: false }),
    validUntil: null,
  });
  const invoice = await insertDraft(tx, "invoice", data, acting, { relatedDocumentId: quote.id });
  const paid = await tx.select().from(billingDocuments).where(and(
    eq(billingDocuments.kind, "deposit_invoice"),
    inArray(billingDocuments.relatedDocumentId, familyIds),
    eq(billingDocuments.status, "paid"),
    eq(billingDocuments.currency, quote.currency),
  )).orderBy(billingDocuments.issuedAt);
  const applied = paid.length === 0 ? [] : await tx.select({ id: depositApplications.depositId })
    .from(depositApplications).where(inArray(depositApplications.depositId, paid.map((d) => d.id)));
  const deposits = paid.filter((d) => !applied.some((a) => a.id === d.id));
  let depositsApplied = 0;
  if (deposits.length > 0) {
    const rows = deposits.map((d) => ({
      invoiceId: invoice.id,
      depositId: d.id,
      amount: d.total - d.amountCredited,
    }));
    await tx.insert(depositApplications).values(rows);
    depositsApplied = rows.reduce((sum, r) => sum + r.amount, 0);
    await tx.update(billingDocuments).set({ depositsApplied }).where(eq(billingDocuments.id, invoice.id));
  }
  const now = new Date();
  await tx.update(billingDocuments).set({ status: "converted", version: quote.version + 1, updatedAt: now })
    .where(eq(billingDocuments.id, quote.id));
  await recordAudit(tx, {
    ...acting,
    action: "quote.converted",
    entity: { type: "quote", id: quote.id },
    changes: {
      status: { before: quote.status, after: "converted" },
      invoice: { after: invoice.id },
      ...(onClientWord ? { acceptedOnClientWord: { after: true } } : {}),
      ...(deposits.length
        ? { depositsApplied: { after: deposits.map((d) => ({ id: d.id, number: d.number })) } }
        : {}),
    },
  });
  return { ...invoice, depositsApplied };
}

async function depositInvoice(
  tx: Tx,
  quote: BillingDocument,
  familyIds: string[],
  percentInput: ConversionInput["percent"],
  onClientWord: boolean,
  acting: ActingAs,
): Promise<BillingDocument> {
  const percent = parsePercent(percentInput);
  const amount = Number(
    roundHalfAwayFromZero(mul(ratio(BigInt(quote.total)), mul(percent, ratio(1n, 100n)))),
  );
  if (amount <= 0) throw new ValidationError({ percent: "That share of the total is less than one cent." });
  const earlier = await tx.select({
    total: billingDocuments.total,
    amountCredited: billingDocuments.amountCredited,
  })
    .from(billingDocuments).where(and(
      eq(billingDocuments.kind, "deposit_invoice"),
      inArray(billingDocuments.relatedDocumentId, familyIds),
      notInArray(billingDocuments.status, ["credited"]),
    ));
  const requested = earlier.reduce((sum, d) => sum + d.total - d.amountCredited, 0);
  if (requested + amount > quote.total) {
    throw new ValidationError({
      percent:
        "Deposits would exceed the quote's total: earlier deposit invoices already ask for part of it.",
    });
  }
  const issuer = await getIssuer(tx);
  const { t } = createTranslator(isSupportedLocale(issuer.locale) ? issuer.locale : "en");
  const percentText = toDecimalText(percent)!;
  const data = parseInput(draftInputSchema, {
    clientId: quote.clientId,
    currency: quote.currency,
    title: t("quote_conversion.deposit_title", { number: quote.number ?? "" }),
    lines: [{
      description: t("quote_conversion.deposit_line", { percent: percentText, number: quote.number ?? "" }),
      quantity: "1",
      unit: "item",
      unitPrice: amount,
      taxRateIds: [],
    }],
  });
  const deposit = await insertDraft(tx, "deposit_invoice", data, acting, { relatedDocumentId: quote.id });
  await recordAudit(tx, {
    ...acting,
    action: "quote.deposit_invoiced",
    entity: { type: "quote", id: quote.id },
    changes: {
      depositInvoice: { after: { id: deposit.id, percent: percentText, amount } },
      ...(onClientWord ? { acceptedOnClientWord: { after: true } } : {}),
    },
  });
  return deposit;
}

/** "30", "12.5", "33,33 %" → an exact percentage above 0 and at most 100, with at most 4 decimals. */
function parsePercent(value: ConversionInput["percent"]) {
  const text = String(value ?? "").replace(/\s|%/g, "").replace(",", ".");
  const percent = /^\d{1,3}(\.\d{1,4})?$/.test(text) ? parseDecimal(text) : undefined;
  if (!percent || percent.n <= 0n || percent.n > 100n * percent.d) {
    throw new ValidationError({
      percent: "Give the deposit as a percentage above 0 and at most 100, such as 30.",
    });
  }
  return percent;
}

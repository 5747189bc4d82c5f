/**
 * Credit notes: the only way to correct an issued invoice (docs/BILLING.md, "Credit notes"). A credit
 * note copies the invoice's lines — all of them, or chosen lines and quantities — with the taxes as
 * the invoice printed them; issuing it checks it credits no more than is left on the invoice, then
 * raises the invoice's `amountCredited` and settles its status in the same transaction.
 */
import { and, eq, sql } from "drizzle-orm";
import { billingDocuments, documentLines, invoicedBookings } from "../../db/schema/mod.ts";
import { type ActingAs, changedFields, recordAudit } from "../audit/audit.ts";
import { ConflictError, ValidationError } from "../errors.ts";
import { newId } from "../kv/ids.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { settledStatus } from "./balance.ts";
import { formatAmount } from "./currency.ts";
import {
  compare,
  div,
  mul,
  parseDecimal,
  type Ratio,
  ratio,
  roundHalfAwayFromZero,
} from "./currency_decimal.ts";
import { documentTotals } from "./document_totals.ts";
import {
  auditView,
  type BillingDocument,
  type DocumentLine,
  getDocument,
  lockDocument,
  storedTotals,
  type Tx,
} from "./documents.ts";
import { issueDocument } from "./issue.ts";

/** Which lines to credit: every line in full, or chosen lines, each in full or for part of its quantity. */
export type CreditLines = "all" | { lineId: string; quantity?: string }[];

export interface CreditNoteInput {
  lines?: CreditLines;
  /** Why the invoice is corrected; printed as the credit note's notes. */
  reason: string;
}

const CREDITABLE = ["issued", "partially_paid", "paid"];

/**
 * Drafts a credit note against an issued invoice or deposit invoice, audited as `credit_note.created`.
 * A ValidationError names the bad field (`reason`, `lines`, `lines.<lineId>.quantity`); a ConflictError
 * says when the invoice cannot be credited (a draft, or nothing left to credit).
 *
 * @example
 * const note = await createCreditNote(db, invoice.id, { lines: "all", reason: "Session cancelled" }, acting);
 */
export async function createCreditNote(
  db: TenantDb | Tx,
  invoiceId: string,
  input: CreditNoteInput,
  acting: ActingAs,
): Promise<BillingDocument> {
  const reason = input.reason.trim();
  if (!reason) throw new ValidationError({ reason: "Say why the invoice is credited." });
  if (reason.length > 4000) throw new ValidationError({ reason: "At most 4000 characters." });
  return await db.transaction(async (tx) => {
    const invoice = await lockDocument(tx, invoiceId);
    if (invoice.kind !== "invoice" && invoice.kind !== "deposit_invoice") {
      throw new ConflictError("Only invoices are credited.");
    }
    if (!CREDITABLE.includes(invoice.status)) {
      throw new ConflictError(
        invoice.status === "draft"
          ? "A draft invoice is edited or deleted, not credited."
          : `Invoice ${invoice.number} is already fully credited.`,
      );
    }
    const { lines, discountPercent, discountAmount } = creditedLines(invoice, input.lines ?? "all");
    const now = new Date();
    const columns = {
      currency: invoice.currency,
      baseCurrency: invoice.baseCurrency,
      exchangeRate: invoice.exchangeRate,
      roundingMode: invoice.roundingMode,
      pricesIncludeTax: invoice.pricesIncludeTax,
      discountPercent,
      discountAmount,
      depositsApplied: 0,
    };
    const totals = documentTotals(columns, lines);
    const left = invoice.total - invoice.amountCredited;
    if (totals.total > left) throw new ConflictError(overCreditMessage(invoice, totals.total, left));
    const id = newId("cn");
    const [row] = await tx.insert(billingDocuments).values({
      id,
      kind: "credit_note",
      status: "draft",
      clientId: invoice.clientId,
      title: `Credit note for ${invoice.number}`,
      ...columns,
      ...storedTotals(totals),
      notes: reason,
      relatedDocumentId: invoice.id,
      createdBy: acting.actor.id ?? null,
      createdAt: now,
      updatedAt: now,
    }).returning();
    const stored = await tx.insert(documentLines).values(lines.map((line, position) => ({
      ...line,
      id: newId("line"),
      documentId: id,
      position,
      net: totals.lines[position].net,
      taxTotal: totals.lines[position].taxTotal,
      gross: totals.lines[position].gross,
    }))).returning();
    const note = { ...row, lines: stored.sort((a, b) => a.position - b.position) };
    await recordAudit(tx, {
      ...acting,
      action: "credit_note.created",
      entity: { type: "credit_note", id },
      changes: changedFields({}, auditView(note), ["id", "version", "createdAt", "updatedAt", "createdBy"]),
    });
    return note;
  });
}

type CopiedLine = Omit<typeof documentLines.$inferInsert, "id" | "documentId" | "position"> & {
  quantity: string;
  unitPrice: number;
  discountPercent: string | null;
  discountAmount: number | null;
  taxes: DocumentLine["taxes"];
};

/** The invoice's lines to credit, with fixed discounts shared in proportion to what is credited. */
function creditedLines(invoice: BillingDocument, selection: CreditLines) {
  const copy = (line: DocumentLine, quantity: string, discountAmount: number | null): CopiedLine => ({
    description: line.description,
    detail: line.detail,
    quantity,
    unit: line.unit,
    unitPrice: line.unitPrice,
    discountPercent: line.discountPercent,
    discountAmount,
    taxes: line.taxes,
    serviceId: line.serviceId,
    bookingId: line.bookingId,
    sessionDate: line.sessionDate,
    startsAt: line.startsAt,
    endsAt: line.endsAt,
  });
  if (selection === "all") {
    return {
      lines: invoice.lines.map((line) => copy(line, line.quantity, line.discountAmount)),
      discountPercent: invoice.discountPercent,
      discountAmount: invoice.discountAmount,
    };
  }
  const errors: Record<string, string> = {};
  const chosen: { line: DocumentLine; share: Ratio; quantity: string }[] = [];
  for (const pick of selection) {
    const line = invoice.lines.find((l) => l.id === pick.lineId);
    if (!line) {
      errors.lines = "Choose lines of this invoice.";
      continue;
    }
    const whole = parseDecimal(line.quantity)!;
    const quantityText = pick.quantity?.trim() || line.quantity;
    const quantity = parseDecimal(quantityText);
    if (!quantity || quantity.n <= 0n || compare(quantity, whole) > 0) {
      errors[`lines.${line.id}.quantity`] = `Give a quantity above 0 and at most ${line.quantity}.`;
      continue;
    }
    chosen.push({ line, share: whole.n === 0n ? ratio(1n) : div(quantity, whole), quantity: quantityText });
  }
  if (Object.keys(errors).length === 0 && chosen.length === 0) {
    errors.lines = "Choose at least one line to credit.";
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  const lines = chosen.map(({ line, share, quantity }) =>
    copy(line, quantity, line.discountAmount === null ? null : prorate(line.discountAmount, share))
  );
  let discountAmount: number | null = null;
  if (invoice.discountAmount !== null) {
    // A fixed document discount is credited in proportion to the discounted amounts credited.
    const before = (
      doc: { discountPercent: null; discountAmount: null },
      ls: CopiedLine[] | DocumentLine[],
    ) => documentTotals({ ...invoice, ...doc, depositsApplied: 0 }, ls);
    const none = { discountPercent: null, discountAmount: null } as const;
    const all = before(none, invoice.lines);
    const part = before(none, lines);
    const base = all.subtotal - all.lineDiscountTotal;
    const credited = part.subtotal - part.lineDiscountTotal;
    discountAmount = base === 0 ? 0 : prorate(invoice.discountAmount, ratio(BigInt(credited), BigInt(base)));
  }
  return { lines, discountPercent: invoice.discountPercent, discountAmount };
}

const prorate = (amount: number, share: Ratio) =>
  Number(roundHalfAwayFromZero(mul(ratio(BigInt(amount)), share)));

function overCreditMessage(invoice: BillingDocument, amount: number, left: number): string {
  const money = (v: number) => formatAmount(v, invoice.currency, "en");
  return `This credit note is for ${money(amount)}, but only ${
    money(Math.max(0, left))
  } of invoice ${invoice.number} is left to credit.`;
}

/**
 * Issues a draft credit note: next number of the credit-note series, and in the same transaction the
 * invoice's `amountCredited` grows by its total and its status is settled (`credited` when covered).
 * Crediting the whole invoice frees its sessions to be invoiced again. Audited as `credit_note.issued`
 * and `invoice.credited`.
 */
export async function issueCreditNote(
  db: TenantDb | Tx,
  id: string,
  version: number,
  acting: ActingAs,
  options: { now?: Date } = {},
): Promise<BillingDocument> {
  return await issueDocument(db, id, version, acting, {
    now: options.now,
    kinds: ["credit_note"],
    prepare: async (tx, note) => {
      if (!note.relatedDocumentId) throw new ConflictError("This credit note names no invoice.");
      await creditInvoice(tx, note, acting, options.now ?? new Date());
    },
  });
}

async function creditInvoice(tx: Tx, note: BillingDocument, acting: ActingAs, now: Date): Promise<void> {
  const invoice = await lockDocument(tx, note.relatedDocumentId!);
  if (invoice.status === "draft") {
    throw new ConflictError("A draft invoice is edited or deleted, not credited.");
  }
  const amount = documentTotals(note, note.lines).total;
  const left = invoice.total - invoice.amountCredited;
  if (amount > left) throw new ConflictError(overCreditMessage(invoice, amount, left));
  const amountCredited = invoice.amountCredited + amount;
  const status = settledStatus({ ...invoice, amountCredited });
  await tx.update(billingDocuments).set({
    amountCredited,
    status,
    version: invoice.version + 1,
    updatedAt: now,
  }).where(eq(billingDocuments.id, invoice.id));
  const freed = amountCredited >= invoice.total
    ? await tx.delete(invoicedBookings).where(eq(invoicedBookings.documentId, invoice.id))
      .returning({ bookingId: invoicedBookings.bookingId })
    : [];
  await recordAudit(tx, {
    ...acting,
    action: `${invoice.kind}.credited`,
    entity: { type: invoice.kind, id: invoice.id },
    changes: {
      amountCredited: { before: invoice.amountCredited, after: amountCredited },
      ...(status !== invoice.status ? { status: { before: invoice.status, after: status } } : {}),
      creditNoteId: { after: note.id },
      ...(freed.length ? { freedBookings: { after: freed.map((f) => f.bookingId) } } : {}),
    },
  });
}

/** The credit notes written against an invoice, oldest first (drafts included). */
export async function creditNotesOf(db: TenantDb, invoiceId: string) {
  return await db.select().from(billingDocuments).where(and(
    eq(billingDocuments.relatedDocumentId, invoiceId),
    eq(billingDocuments.kind, "credit_note"),
  )).orderBy(sql`${billingDocuments.createdAt}`);
}

/** A credit note with its lines; NotFoundError for another kind. */
export const getCreditNote = (db: TenantDb, id: string) => getDocument(db, id, "credit_note");

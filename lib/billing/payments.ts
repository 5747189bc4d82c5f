/**
 * Money received and paid back: payments against invoices, client credit (overpayments and payments
 * without an invoice), credit applied to invoices, refunds and voids. Each write is one transaction
 * that locks the invoice row first, so two payments recorded at once on one invoice both count, and
 * writes its audit row. Rules: docs/BILLING.md ("Payments, credit and reminders").
 *
 * How a payment row splits between the invoice and credit is kept in the ledger itself: the credit
 * rows written with a payment carry its id, so the invoice's share of any payment row is its amount
 * less those credit rows (a credit application is all invoice: the money came from credit).
 */
import { and, desc, eq, gte, isNull, lt, lte, or, sql } from "drizzle-orm";
import { z } from "zod";
import {
  billingDocuments,
  clientCredits,
  clients,
  type PaymentMethod,
  payments,
} from "../../db/schema/mod.ts";
import { type ActingAs, recordAudit } from "../audit/audit.ts";
import { ConflictError, NotFoundError, ValidationError } from "../errors.ts";
import { newId } from "../kv/ids.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { parseInput } from "../validation.ts";
import type { MessageId } from "../i18n/mod.ts";
import { type Problem, problem, ResourceValidationError, say } from "../validation_messages.ts";
import { balanceDue, settledStatus } from "./balance.ts";
import { formatAmount, isActiveCurrency } from "./currency.ts";
import { type BillingDocument, type Db, KIND_LABEL, lockDocument, type Tx } from "./documents.ts";
import { localDateOf } from "./issue.ts";
import { getIssuer } from "./settings.ts";

export type Payment = typeof payments.$inferSelect;

/** Methods staff record by hand; `credit` (client credit used) and `stripe` (online) are written by the app. */
export const RECORDED_METHODS = ["cash", "transfer", "card", "cheque", "other"] as const;
export type RecordedMethod = (typeof RECORDED_METHODS)[number];

// Messages are catalogue ids (lib/i18n/messages/billing_errors_*.ts): pages translate, the API says English.
const optionalText = (max: number) =>
  z.string().trim().max(max, say("billing.error.too_long")).nullish().transform((v) => v || null);
const localDate = z.string({ error: say("billing.error.received_on_required") }).regex(
  /^\d{4}-\d{2}-\d{2}$/,
  say("billing.error.date_format"),
).refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), say("billing.error.real_date"));
const positiveAmount = z.number({ error: say("billing.error.enter_amount") }).int(
  say("billing.error.amount_whole"),
)
  .positive(say("billing.error.amount_positive"))
  .max(Number.MAX_SAFE_INTEGER, say("billing.error.payment_too_large"));
const methodChoice = { error: say("billing.error.payment_method") };

export const paymentInputSchema = z.object({
  /** The invoice or deposit invoice paid; absent for money taken as credit. */
  documentId: z.string().nullish().transform((v) => v || null),
  /** Required without a document; with one it must be the document's client (or absent). */
  clientId: z.string().nullish().transform((v) => v || null),
  method: z.enum(RECORDED_METHODS, methodChoice),
  /** Minor units of `currency`. */
  amount: positiveAmount,
  currency: z.string({ error: say("billing.error.currency_required") }).trim().toUpperCase().refine(
    isActiveCurrency,
    say("billing.error.currency_required"),
  ),
  /** The studio's local date the money arrived. */
  receivedOn: localDate,
  reference: optionalText(200),
  note: optionalText(2000),
});
export type PaymentInput = z.input<typeof paymentInputSchema>;

export const refundInputSchema = z.object({
  amount: positiveAmount,
  method: z.enum(RECORDED_METHODS, methodChoice),
  note: optionalText(2000),
  /** Default: today in the studio's zone. */
  paidOn: localDate.nullish().transform((v) => v ?? null),
});
export type RefundInput = z.input<typeof refundInputSchema>;

/** What a write did: the payment row and the invoice after it (when there is one). */
export interface PaymentResult {
  payment: Payment;
  document: BillingDocument | null;
  /** What went to (+) or came from (−) the client's credit. */
  credit: number;
}

/**
 * Records money received. With a document: the part up to the balance due pays the invoice (its
 * amount paid and status move, `paidAt` is set once paid) and anything above it becomes client
 * credit — an overpayment is never lost. Without one, it is all credit. Audited as `payment.recorded`.
 *
 * ```ts
 * await recordPayment(db, { documentId: invoice.id, method: "transfer", amount: 50000,
 *   currency: "EUR", receivedOn: "2026-06-02", reference: "VIR 1234" }, actingAs(ctx));
 * ```
 */
export async function recordPayment(
  db: TenantDb,
  input: PaymentInput,
  acting: ActingAs,
): Promise<PaymentResult> {
  const data = parseInput(paymentInputSchema, input);
  return await db.transaction(async (tx) => {
    let doc: BillingDocument | null = null;
    let clientId = data.clientId;
    if (data.documentId) {
      doc = await lockPayable(tx, data.documentId);
      if (clientId && clientId !== doc.clientId) {
        throw new ResourceValidationError({ clientId: problem("billing.error.other_client", named(doc)) });
      }
      clientId = doc.clientId;
      if (data.currency !== doc.currency) {
        throw new ResourceValidationError({
          currency: problem("billing.error.payment_currency", { ...named(doc), currency: doc.currency }),
        });
      }
    } else {
      if (!clientId) {
        throw new ResourceValidationError({ clientId: problem("billing.error.client_required") });
      }
      const [client] = await tx.select({ id: clients.id }).from(clients).where(eq(clients.id, clientId));
      if (!client) throw new ResourceValidationError({ clientId: problem("billing.error.client_required") });
    }
    return await insertPayment(tx, doc, {
      clientId: clientId!,
      method: data.method,
      amount: data.amount,
      currency: data.currency,
      receivedOn: data.receivedOn,
      reference: data.reference,
      note: data.note,
    }, acting);
  });
}

/** A payment row as written: who paid, how, how much and when (the studio's local date). */
export interface ReceivedMoney {
  clientId: string;
  method: PaymentMethod;
  /** Minor units, above zero. */
  amount: number;
  currency: string;
  receivedOn: string;
  reference: string | null;
  note: string | null;
  /** Stripe's id for money taken online: unique, so it is recorded once. */
  externalId?: string | null;
}

/**
 * Writes money received inside the caller's transaction, `doc` (if any) already locked: up to the
 * balance due pays the document, the rest becomes client credit, with its audit row. recordPayment
 * and Stripe's ledger (lib/stripe/ledger.ts) share it, so both split money the same way.
 */
export async function insertPayment(
  tx: Tx,
  doc: BillingDocument | null,
  money: ReceivedMoney,
  acting: ActingAs,
): Promise<PaymentResult> {
  const toInvoice = doc ? Math.min(money.amount, Math.max(0, balanceDue(doc))) : 0;
  const excess = money.amount - toInvoice;
  const [payment] = await tx.insert(payments).values({
    id: newId("pay"),
    documentId: doc?.id ?? null,
    ...money,
    externalId: money.externalId ?? null,
    createdBy: acting.actor.id ?? null,
  }).returning();
  if (excess > 0) {
    await addCredit(tx, {
      clientId: money.clientId,
      currency: money.currency,
      amount: excess,
      paymentId: payment.id,
      documentId: doc?.id ?? null,
      reason: doc ? "overpayment" : "payment without an invoice",
    });
  }
  const after = doc ? await movePaid(tx, doc, toInvoice) : null;
  await recordAudit(tx, {
    ...acting,
    action: "payment.recorded",
    entity: { type: "payment", id: payment.id },
    changes: paymentChanges(payment, after, doc, excess),
  });
  return { payment, document: after, credit: excess };
}

/**
 * Pays an invoice from the client's credit in its currency: `amount` (default: as much as both the
 * credit and the balance due allow) becomes a payment of method `credit` with a matching − credit row.
 * Audited as `credit.applied`. `options.locale` is the reader's, for the amounts a refusal names.
 */
export async function applyCredit(
  db: TenantDb,
  invoiceId: string,
  amount: number | undefined,
  acting: ActingAs,
  options: { today?: string; locale?: string } = {},
): Promise<PaymentResult> {
  const locale = options.locale ?? "en";
  return await db.transaction(async (tx) => {
    const doc = await lockPayable(tx, invoiceId);
    await lockClient(tx, doc.clientId);
    const available = await clientCreditBalance(tx, doc.clientId, doc.currency);
    const due = balanceDue(doc);
    const most = Math.min(available, due);
    if (most <= 0) {
      throw new ResourceValidationError({
        amount: due <= 0
          ? problem("billing.error.nothing_due", named(doc))
          : problem("billing.error.no_credit", { currency: doc.currency }),
      });
    }
    const apply = amount ?? most;
    if (!Number.isSafeInteger(apply) || apply <= 0) {
      throw new ResourceValidationError({ amount: problem("billing.error.amount_positive") });
    }
    if (apply > most) {
      throw new ResourceValidationError({
        amount: moneyProblem(
          "billing.error.credit_too_large",
          { most, available, due },
          doc.currency,
          locale,
        ),
      });
    }
    const today = options.today ?? await studioToday(tx);
    const [payment] = await tx.insert(payments).values({
      id: newId("pay"),
      clientId: doc.clientId,
      documentId: doc.id,
      method: "credit",
      amount: apply,
      currency: doc.currency,
      receivedOn: today,
      createdBy: acting.actor.id ?? null,
    }).returning();
    await addCredit(tx, {
      clientId: doc.clientId,
      currency: doc.currency,
      amount: -apply,
      paymentId: payment.id,
      documentId: doc.id,
      reason: "applied to an invoice",
    });
    const after = await movePaid(tx, doc, apply);
    await recordAudit(tx, {
      ...acting,
      action: "credit.applied",
      entity: { type: "payment", id: payment.id },
      changes: paymentChanges(payment, after, doc, -apply),
    });
    return { payment, document: after, credit: -apply };
  });
}

/**
 * Pays money back against a payment: a negative payment row on the same document (or client).
 * The refund first returns whatever that payment left as credit (while the client still holds it),
 * then money the invoice received, which reopens it. Refusing more than was paid: more than the
 * payment, or than its credit plus what the invoice holds. Audited as `payment.refunded`.
 * `options.locale` is the reader's, for the amount a refusal names.
 */
export async function refundPayment(
  db: TenantDb,
  paymentId: string,
  input: RefundInput,
  acting: ActingAs,
  options: { locale?: string } = {},
): Promise<PaymentResult> {
  const data = parseInput(refundInputSchema, input);
  return await db.transaction(async (tx) => {
    const original = await findPayment(tx, paymentId);
    const doc = original.documentId ? await lockDocument(tx, original.documentId) : null;
    await lockClient(tx, original.clientId);
    const payment = await lockPayment(tx, paymentId);
    if (payment.voidedAt) throw new ConflictError("This payment was voided: there is nothing to refund.");
    if (payment.amount < 0) throw new ConflictError("A refund cannot be refunded; void it instead.");
    if (payment.method === "credit") {
      throw new ConflictError("Credit applied to an invoice is undone by voiding it, not refunded.");
    }
    const limits = await refundLimits(tx, payment, doc?.amountPaid ?? null);
    const { most } = limits;
    if (data.amount > most) {
      throw new ResourceValidationError({
        amount: most <= 0 ? problem("billing.error.nothing_to_refund") : moneyProblem(
          "billing.error.refund_too_large",
          { most },
          payment.currency,
          options.locale ?? "en",
        ),
      });
    }
    return await insertRefund(
      tx,
      payment,
      doc,
      {
        amount: data.amount,
        method: data.method,
        receivedOn: data.paidOn ?? await studioToday(tx),
        reference: payment.reference ? `Refund of ${payment.reference}`.slice(0, 200) : null,
        note: data.note,
      },
      limits,
      acting,
    );
  });
}

/**
 * What is left to refund of `payment`: what it still holds as credit (while the client has it) plus
 * what its document holds (`documentPaid`), never more than the payment less its refunds so far.
 */
export async function refundLimits(
  tx: Tx,
  payment: Payment,
  documentPaid: number | null,
): Promise<{ creditLeft: number; most: number }> {
  const creditLeft = Math.max(
    0,
    Math.min(
      await creditOfPayment(tx, payment.id),
      await clientCreditBalance(tx, payment.clientId, payment.currency),
    ),
  );
  const [{ refunded }] = await tx.select({
    refunded: sql<number>`coalesce(-sum(${payments.amount}), 0)`.mapWith(Number),
  }).from(payments).where(and(eq(payments.refundOf, payment.id), isNull(payments.voidedAt)));
  return {
    creditLeft,
    most: Math.min(payment.amount - refunded, creditLeft + Math.max(0, documentPaid ?? 0)),
  };
}

/**
 * Writes a refund of `payment` inside the caller's transaction (its document and client locked): a
 * negative payment that first takes back the credit the payment left, then reopens the document.
 * Audited as `payment.refunded`. `limits` are refundLimits' answer, checked by the caller.
 */
export async function insertRefund(
  tx: Tx,
  payment: Payment,
  doc: BillingDocument | null,
  refund: Omit<ReceivedMoney, "clientId" | "currency">,
  { creditLeft }: { creditLeft: number },
  acting: ActingAs,
): Promise<PaymentResult> {
  const fromCredit = Math.min(refund.amount, creditLeft);
  const fromInvoice = refund.amount - fromCredit;
  const [row] = await tx.insert(payments).values({
    id: newId("pay"),
    clientId: payment.clientId,
    documentId: payment.documentId,
    ...refund,
    amount: -refund.amount,
    currency: payment.currency,
    externalId: refund.externalId ?? null,
    refundOf: payment.id,
    createdBy: acting.actor.id ?? null,
  }).returning();
  if (fromCredit > 0) {
    await addCredit(tx, {
      clientId: payment.clientId,
      currency: payment.currency,
      amount: -fromCredit,
      paymentId: row.id,
      documentId: payment.documentId,
      reason: "refunded",
    });
  }
  const after = doc && fromInvoice > 0 ? await movePaid(tx, doc, -fromInvoice) : doc;
  await recordAudit(tx, {
    ...acting,
    action: "payment.refunded",
    entity: { type: "payment", id: row.id },
    changes: {
      ...paymentChanges(row, after, doc, -fromCredit),
      refundOf: { after: payment.id },
    },
  });
  return { payment: row, document: after, credit: -fromCredit };
}

/**
 * Voids a payment, a refund or a credit application recorded by mistake: the row stays, marked with
 * when and why, and its effect is reversed — the invoice's amount paid and status, and the client's
 * credit. Refused when that would leave the invoice with less than nothing paid (void its refunds
 * first) or take back credit the client has already used. Audited as `payment.voided`.
 */
export async function voidPayment(
  db: TenantDb,
  paymentId: string,
  reason: string,
  acting: ActingAs,
): Promise<PaymentResult> {
  const why = reason.trim();
  if (!why) throw new ValidationError({ reason: "Say why the payment is voided." });
  if (why.length > 500) throw new ValidationError({ reason: "At most 500 characters." });
  return await db.transaction(async (tx) => {
    const found = await findPayment(tx, paymentId);
    const doc = found.documentId ? await lockDocument(tx, found.documentId) : null;
    await lockClient(tx, found.clientId);
    const payment = await lockPayment(tx, paymentId);
    if (payment.voidedAt) throw new ConflictError("This payment is already voided.");
    const credit = await creditOfPayment(tx, payment.id);
    const invoicePart = payment.method === "credit" ? payment.amount : payment.amount - credit;
    if (doc && doc.amountPaid - invoicePart < 0) {
      throw new ConflictError(
        `Voiding it would leave ${label(doc)} with less than nothing paid: void its refunds first.`,
      );
    }
    if (credit > 0 && await clientCreditBalance(tx, payment.clientId, payment.currency) < credit) {
      throw new ConflictError(
        "The credit this payment left has been used since: void where it was applied first.",
      );
    }
    const [voided] = await tx.update(payments).set({ voidedAt: new Date(), voidReason: why })
      .where(eq(payments.id, payment.id)).returning();
    if (credit !== 0) {
      await addCredit(tx, {
        clientId: payment.clientId,
        currency: payment.currency,
        amount: -credit,
        paymentId: payment.id,
        documentId: payment.documentId,
        reason: "payment voided",
      });
    }
    const after = doc && invoicePart !== 0 ? await movePaid(tx, doc, -invoicePart) : doc;
    await recordAudit(tx, {
      ...acting,
      action: "payment.voided",
      entity: { type: "payment", id: payment.id },
      changes: {
        ...paymentChanges(voided, after, doc, -credit),
        voidReason: { after: why },
      },
    });
    return { payment: voided, document: after, credit: -credit };
  });
}

/** The client's credit in `currency`: the sum of its ledger rows (minor units). */
export async function clientCreditBalance(db: Db, clientId: string, currency: string): Promise<number> {
  const [row] = await db.select({ sum: sql<string>`coalesce(sum(${clientCredits.amount}), 0)` })
    .from(clientCredits)
    .where(and(eq(clientCredits.clientId, clientId), eq(clientCredits.currency, currency)));
  return Number(row.sum);
}

/** The client's credit in every currency where it is not zero. */
export async function clientCreditBalances(
  db: Db,
  clientId: string,
): Promise<{ currency: string; amount: number }[]> {
  const rows = await db.select({
    currency: clientCredits.currency,
    sum: sql<string>`sum(${clientCredits.amount})`,
  }).from(clientCredits).where(eq(clientCredits.clientId, clientId)).groupBy(clientCredits.currency)
    .orderBy(clientCredits.currency);
  return rows.map((r) => ({ currency: r.currency, amount: Number(r.sum) })).filter((r) => r.amount !== 0);
}

/** A payment with who paid and what it paid, as lists show it. */
export interface PaymentRow extends Payment {
  clientName: string;
  documentNumber: string | null;
  documentKind: string | null;
}

export interface PaymentFilter {
  /** Local dates, inclusive. */
  from: string;
  to: string;
  method?: PaymentMethod;
  clientId?: string;
  documentId?: string;
  /** The last row of the previous page (newest first). */
  after?: { receivedOn: string; id: string };
  /** 1–1000. */
  limit: number;
  /** Default true: voided payments are listed (and marked). */
  includeVoided?: boolean;
}

/** Payments with their client's name and their document's number: the rows lists show. */
function paymentRows(db: Db) {
  return db.select({
    payment: payments,
    clientName: clients.name,
    documentNumber: billingDocuments.number,
    documentKind: billingDocuments.kind,
  }).from(payments)
    .innerJoin(clients, eq(clients.id, payments.clientId))
    .leftJoin(billingDocuments, eq(billingDocuments.id, payments.documentId));
}

type JoinedPayment = Awaited<ReturnType<ReturnType<typeof paymentRows>["execute"]>>[number];
const paymentRowOf = (r: JoinedPayment): PaymentRow => ({
  ...r.payment,
  clientName: r.clientName,
  documentNumber: r.documentNumber,
  documentKind: r.documentKind,
});

/** Payments received in a period, newest first, one keyset page (index payments_received_idx). */
export async function listPayments(db: Db, filter: PaymentFilter): Promise<PaymentRow[]> {
  if (!Number.isInteger(filter.limit) || filter.limit < 1 || filter.limit > 1000) {
    throw new ValidationError({ limit: "A page holds 1 to 1000 payments." });
  }
  const rows = await paymentRows(db)
    .where(and(
      ...paymentConditions(filter),
      filter.after
        ? or(
          lt(payments.receivedOn, filter.after.receivedOn),
          and(eq(payments.receivedOn, filter.after.receivedOn), lt(payments.id, filter.after.id)),
        )
        : undefined,
    ))
    .orderBy(desc(payments.receivedOn), desc(payments.id))
    .limit(filter.limit);
  return rows.map(paymentRowOf);
}

/** One payment (or refund) as lists show it; NotFoundError for an unknown id. */
export async function getPaymentRow(db: Db, id: string): Promise<PaymentRow> {
  const [row] = await paymentRows(db).where(eq(payments.id, id));
  if (!row) throw new NotFoundError("No such payment.");
  return paymentRowOf(row);
}

/** Σ of the non-voided payments (refunds negative) a filter selects, per currency. */
export async function paymentTotals(
  db: Db,
  filter: Omit<PaymentFilter, "after" | "limit" | "includeVoided">,
): Promise<{ currency: string; received: number; refunded: number; count: number }[]> {
  const rows = await db.select({
    currency: payments.currency,
    received: sql<string>`coalesce(sum(${payments.amount}) filter (where ${payments.amount} > 0), 0)`,
    refunded: sql<string>`coalesce(sum(-${payments.amount}) filter (where ${payments.amount} < 0), 0)`,
    count: sql<string>`count(*)`,
  }).from(payments)
    .where(and(...paymentConditions({ ...filter, includeVoided: false })))
    .groupBy(payments.currency).orderBy(payments.currency);
  return rows.map((r) => ({
    currency: r.currency,
    received: Number(r.received),
    refunded: Number(r.refunded),
    count: Number(r.count),
  }));
}

/** The payments of one document, oldest first (the invoice page lists them). */
export async function paymentsOf(db: Db, documentId: string): Promise<Payment[]> {
  return await db.select().from(payments).where(eq(payments.documentId, documentId))
    .orderBy(payments.receivedOn, payments.createdAt, payments.id);
}

function paymentConditions(filter: Omit<PaymentFilter, "after" | "limit">) {
  return [
    gte(payments.receivedOn, filter.from),
    lte(payments.receivedOn, filter.to),
    filter.method ? eq(payments.method, filter.method) : undefined,
    filter.clientId ? eq(payments.clientId, filter.clientId) : undefined,
    filter.documentId ? eq(payments.documentId, filter.documentId) : undefined,
    filter.includeVoided === false ? isNull(payments.voidedAt) : undefined,
  ];
}

/** Locks an issued invoice or deposit invoice that may take a payment. */
async function lockPayable(tx: Tx, documentId: string): Promise<BillingDocument> {
  let doc: BillingDocument;
  try {
    doc = await lockDocument(tx, documentId);
  } catch (err) {
    if (err instanceof NotFoundError) {
      throw new ResourceValidationError({ documentId: problem("billing.error.invoice_required") });
    }
    throw err;
  }
  if (doc.kind !== "invoice" && doc.kind !== "deposit_invoice") {
    throw new ValidationError({
      documentId: `A ${KIND_LABEL[doc.kind]} is not paid: record payments against invoices.`,
    });
  }
  if (doc.status === "draft") {
    throw new ResourceValidationError({ documentId: problem("billing.error.issue_first") });
  }
  return doc;
}

/** Serialises credit moves of one client, so two invoices cannot spend the same credit at once. */
export async function lockClient(tx: Tx, clientId: string): Promise<void> {
  await tx.select({ id: clients.id }).from(clients).where(eq(clients.id, clientId)).for("update");
}

async function findPayment(tx: Tx, id: string): Promise<Payment> {
  const [row] = await tx.select().from(payments).where(eq(payments.id, id));
  if (!row) throw new NotFoundError("No such payment.");
  return row;
}

async function lockPayment(tx: Tx, id: string): Promise<Payment> {
  const [row] = await tx.select().from(payments).where(eq(payments.id, id)).for("update");
  if (!row) throw new NotFoundError("No such payment.");
  return row;
}

/** What a payment row has put into (+) or taken from (−) credit so far. */
async function creditOfPayment(tx: Tx, paymentId: string): Promise<number> {
  const [row] = await tx.select({ sum: sql<string>`coalesce(sum(${clientCredits.amount}), 0)` })
    .from(clientCredits).where(eq(clientCredits.paymentId, paymentId));
  return Number(row.sum);
}

async function addCredit(
  tx: Tx,
  row: Omit<typeof clientCredits.$inferInsert, "id" | "createdAt">,
): Promise<void> {
  await tx.insert(clientCredits).values({ id: newId("crd"), ...row });
}

/** Adds `delta` to the invoice's amount paid and settles its status and paid date. */
async function movePaid(tx: Tx, doc: BillingDocument, delta: number): Promise<BillingDocument> {
  const amountPaid = doc.amountPaid + delta;
  const status = settledStatus({ ...doc, amountPaid });
  const [row] = await tx.update(billingDocuments).set({
    amountPaid,
    status,
    paidAt: status === "paid" ? (doc.paidAt ?? new Date()) : null,
    version: doc.version + 1,
    updatedAt: new Date(),
  }).where(eq(billingDocuments.id, doc.id)).returning();
  return { ...row, lines: doc.lines };
}

async function studioToday(tx: Tx): Promise<string> {
  return localDateOf(new Date(), (await getIssuer(tx)).timezone);
}

function paymentChanges(
  payment: Payment,
  after: BillingDocument | null,
  before: BillingDocument | null,
  credit: number,
) {
  return {
    amount: { after: payment.amount },
    currency: { after: payment.currency },
    method: { after: payment.method },
    receivedOn: { after: payment.receivedOn },
    ...(payment.reference ? { reference: { after: payment.reference } } : {}),
    ...(payment.externalId ? { externalId: { after: payment.externalId } } : {}),
    ...(payment.documentId ? { documentId: { after: payment.documentId } } : {}),
    ...(credit !== 0 ? { credit: { after: credit } } : {}),
    ...(before && after
      ? {
        amountPaid: { before: before.amountPaid, after: after.amountPaid },
        ...(before.status !== after.status ? { status: { before: before.status, after: after.status } } : {}),
      }
      : {}),
  };
}

/** A payable document as message params: `{deposit, plural, =1 {Deposit invoice} other {Invoice}} {number}`. */
const named = (doc: BillingDocument) => ({
  deposit: doc.kind === "deposit_invoice" ? 1 : 0,
  number: doc.number ?? "",
});

/**
 * A problem naming amounts (minor units of `currency`): the page reads them formatted in `locale`, the
 * English text (API problem JSON) in English.
 */
function moneyProblem(
  id: MessageId,
  amounts: Record<string, number>,
  currency: string,
  locale: string,
): Problem {
  const written = (inLocale: string) =>
    Object.fromEntries(
      Object.entries(amounts).map(([name, units]) => [name, formatAmount(units, currency, inLocale)]),
    );
  return { ...problem(id, written("en")), params: written(locale) };
}

const label = (doc: BillingDocument) => `${capitalize(KIND_LABEL[doc.kind])} ${doc.number ?? ""}`.trim();
const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

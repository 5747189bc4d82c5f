/**
 * Money moved by Stripe, written into the studio's payment ledger inside the caller's transaction
 * (the event processor's, so a payment and the event being marked handled commit together). The
 * rules are lib/billing/payments.ts's — up to the balance pays the invoice, any excess becomes
 * client credit; a refund first takes back the credit its payment left, then reopens the invoice —
 * with Stripe's id as `externalId`: unique, so the same money is never recorded twice whichever of
 * the webhook, a duplicate delivery, reconciliation or our own refund call gets there first.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import { billingDocuments, clientCredits, clients, payments } from "../../db/schema/mod.ts";
import { type ActingAs, recordAudit } from "../audit/audit.ts";
import { balanceDue, settledStatus } from "../billing/balance.ts";
import { type BillingDocument, lockDocument, type Tx } from "../billing/documents.ts";
import { localDateOf } from "../billing/issue.ts";
import { clientCreditBalance, type Payment } from "../billing/payments.ts";
import { getIssuer } from "../billing/settings.ts";
import { newId } from "../kv/ids.ts";

/** Who writes Stripe's money into the ledger, as the audit log names it. */
export const STRIPE_ACTOR: ActingAs = { actor: { type: "system", label: "stripe" } };

/** The payment already recorded for a Stripe object (payment intent or refund), if any. */
export async function paymentByExternalId(tx: Tx, externalId: string): Promise<Payment | null> {
  const [row] = await tx.select().from(payments).where(eq(payments.externalId, externalId));
  return row ?? null;
}

export interface StripePaymentInput {
  documentId: string;
  /** Minor units, as Stripe counts them (its `amount_total`). */
  amount: number;
  currency: string;
  /** The payment intent (or, without one, the checkout session). */
  externalId: string;
  /** When Stripe took the money: the studio's local date of it is the payment's date. */
  paidAt: Date;
  reference?: string;
}

/**
 * Records money Stripe took against an invoice or deposit invoice; null when `externalId` is already
 * in the ledger (nothing is written). Audited as `payment.recorded`.
 */
export async function recordStripePayment(
  tx: Tx,
  input: StripePaymentInput,
  acting: ActingAs = STRIPE_ACTOR,
): Promise<Payment | null> {
  const doc = await lockDocument(tx, input.documentId);
  if (await paymentByExternalId(tx, input.externalId)) return null;
  if (doc.currency !== input.currency.toUpperCase()) {
    throw new Error(`Stripe paid ${input.currency} for ${doc.id}, which is in ${doc.currency}.`);
  }
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0) {
    throw new Error(`Stripe reported an amount of ${input.amount} for ${input.externalId}.`);
  }
  const toInvoice = Math.min(input.amount, Math.max(0, balanceDue(doc)));
  const excess = input.amount - toInvoice;
  const [payment] = await tx.insert(payments).values({
    id: newId("pay"),
    clientId: doc.clientId,
    documentId: doc.id,
    method: "stripe",
    amount: input.amount,
    currency: doc.currency,
    receivedOn: await localDate(tx, input.paidAt),
    reference: input.reference?.slice(0, 200) ?? input.externalId,
    externalId: input.externalId,
  }).returning();
  if (excess > 0) {
    await tx.insert(clientCredits).values({
      id: newId("crd"),
      clientId: doc.clientId,
      currency: doc.currency,
      amount: excess,
      paymentId: payment.id,
      documentId: doc.id,
      reason: "overpayment",
    });
  }
  const after = await movePaid(tx, doc, toInvoice);
  await recordAudit(tx, {
    ...acting,
    action: "payment.recorded",
    entity: { type: "payment", id: payment.id },
    changes: {
      amount: { after: payment.amount },
      currency: { after: payment.currency },
      method: { after: "stripe" },
      receivedOn: { after: payment.receivedOn },
      externalId: { after: input.externalId },
      documentId: { after: doc.id },
      ...(excess > 0 ? { credit: { after: excess } } : {}),
      amountPaid: { before: doc.amountPaid, after: after.amountPaid },
      ...(doc.status !== after.status ? { status: { before: doc.status, after: after.status } } : {}),
    },
  });
  return payment;
}

export interface StripeRefundInput {
  /** The payment refunded (ours, method stripe). */
  original: Payment;
  amount: number;
  /** Stripe's refund id (re_…). */
  refundId: string;
  refundedAt: Date;
  note?: string | null;
}

/**
 * Records a refund Stripe made as a negative payment against the original; null when the refund id
 * is already in the ledger. Audited as `payment.refunded`.
 */
export async function recordStripeRefund(
  tx: Tx,
  input: StripeRefundInput,
  acting: ActingAs = STRIPE_ACTOR,
): Promise<Payment | null> {
  const { original } = input;
  const doc = original.documentId ? await lockDocument(tx, original.documentId) : null;
  await tx.select({ id: clients.id }).from(clients).where(eq(clients.id, original.clientId)).for("update");
  if (await paymentByExternalId(tx, input.refundId)) return null;
  const creditLeft = Math.max(
    0,
    Math.min(
      await creditOfPayment(tx, original.id),
      await clientCreditBalance(tx, original.clientId, original.currency),
    ),
  );
  const fromCredit = Math.min(input.amount, creditLeft);
  const fromInvoice = input.amount - fromCredit;
  const [refund] = await tx.insert(payments).values({
    id: newId("pay"),
    clientId: original.clientId,
    documentId: original.documentId,
    method: "stripe",
    amount: -input.amount,
    currency: original.currency,
    receivedOn: await localDate(tx, input.refundedAt),
    reference: `Refund of ${original.reference ?? original.externalId ?? original.id}`.slice(0, 200),
    refundOf: original.id,
    note: input.note ?? null,
    externalId: input.refundId,
  }).returning();
  if (fromCredit > 0) {
    await tx.insert(clientCredits).values({
      id: newId("crd"),
      clientId: original.clientId,
      currency: original.currency,
      amount: -fromCredit,
      paymentId: refund.id,
      documentId: original.documentId,
      reason: "refunded",
    });
  }
  const after = doc && fromInvoice > 0 ? await movePaid(tx, doc, -fromInvoice) : doc;
  await recordAudit(tx, {
    ...acting,
    action: "payment.refunded",
    entity: { type: "payment", id: refund.id },
    changes: {
      amount: { after: refund.amount },
      currency: { after: refund.currency },
      method: { after: "stripe" },
      receivedOn: { after: refund.receivedOn },
      externalId: { after: input.refundId },
      refundOf: { after: original.id },
      ...(fromCredit > 0 ? { credit: { after: -fromCredit } } : {}),
      ...(doc && after
        ? {
          amountPaid: { before: doc.amountPaid, after: after.amountPaid },
          ...(doc.status !== after.status ? { status: { before: doc.status, after: after.status } } : {}),
        }
        : {}),
    },
  });
  return refund;
}

/** How much of `original` may still be refunded: what is left of it, within what it still holds. */
export async function refundableOf(tx: Tx, original: Payment): Promise<number> {
  const [doc] = original.documentId
    ? await tx.select({ amountPaid: billingDocuments.amountPaid }).from(billingDocuments)
      .where(eq(billingDocuments.id, original.documentId))
    : [];
  const creditLeft = Math.max(
    0,
    Math.min(
      await creditOfPayment(tx, original.id),
      await clientCreditBalance(tx, original.clientId, original.currency),
    ),
  );
  const [{ refunded }] = await tx.select({
    refunded: sql<number>`coalesce(-sum(${payments.amount}), 0)`.mapWith(Number),
  }).from(payments).where(and(eq(payments.refundOf, original.id), isNull(payments.voidedAt)));
  return Math.max(0, Math.min(original.amount - refunded, creditLeft + Math.max(0, doc?.amountPaid ?? 0)));
}

async function creditOfPayment(tx: Tx, paymentId: string): Promise<number> {
  const [row] = await tx.select({ sum: sql<string>`coalesce(sum(${clientCredits.amount}), 0)` })
    .from(clientCredits).where(eq(clientCredits.paymentId, paymentId));
  return Number(row.sum);
}

async function movePaid(tx: Tx, doc: BillingDocument, delta: number): Promise<BillingDocument> {
  if (delta === 0) return doc;
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

async function localDate(tx: Tx, at: Date): Promise<string> {
  return localDateOf(at, (await getIssuer(tx)).timezone);
}

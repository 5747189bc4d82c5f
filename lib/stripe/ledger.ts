/**
 * Money moved by Stripe, written into the studio's payment ledger inside the caller's transaction
 * (the event processor's, so a payment and the event being marked handled commit together) by
 * lib/billing/payments.ts's own writers — up to the balance pays the invoice, any excess becomes
 * client credit; a refund first takes back the credit its payment left, then reopens the invoice —
 * with Stripe's id as `externalId`: unique, so the same money is never recorded twice whichever of
 * the webhook, a duplicate delivery, reconciliation or our own refund call gets there first.
 */
import { eq } from "drizzle-orm";
import { billingDocuments, payments } from "../../db/schema/mod.ts";
import type { ActingAs } from "../audit/audit.ts";
import { lockDocument, type Tx } from "../billing/documents.ts";
import { localDateOf } from "../billing/issue.ts";
import { insertPayment, insertRefund, lockClient, type Payment, refundLimits } from "../billing/payments.ts";
import { getIssuer } from "../billing/settings.ts";

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
  const { payment } = await insertPayment(tx, doc, {
    clientId: doc.clientId,
    method: "stripe",
    amount: input.amount,
    currency: doc.currency,
    receivedOn: await localDate(tx, input.paidAt),
    reference: input.reference?.slice(0, 200) ?? input.externalId,
    note: null,
    externalId: input.externalId,
  }, acting);
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
  await lockClient(tx, original.clientId);
  if (await paymentByExternalId(tx, input.refundId)) return null;
  const { payment } = await insertRefund(
    tx,
    original,
    doc,
    {
      method: "stripe",
      amount: input.amount,
      receivedOn: await localDate(tx, input.refundedAt),
      reference: `Refund of ${original.reference ?? original.externalId ?? original.id}`.slice(0, 200),
      note: input.note ?? null,
      externalId: input.refundId,
    },
    await refundLimits(tx, original, null),
    acting,
  );
  return payment;
}

/** How much of `original` may still be refunded: what is left of it, within what it still holds. */
export async function refundableOf(tx: Tx, original: Payment): Promise<number> {
  const [doc] = original.documentId
    ? await tx.select({ amountPaid: billingDocuments.amountPaid }).from(billingDocuments)
      .where(eq(billingDocuments.id, original.documentId))
    : [];
  return Math.max(0, (await refundLimits(tx, original, doc?.amountPaid ?? null)).most);
}

async function localDate(tx: Tx, at: Date): Promise<string> {
  return localDateOf(at, (await getIssuer(tx)).timezone);
}

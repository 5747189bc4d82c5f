/**
 * Paying back money a client paid online: the refund is made at Stripe, on the studio's connected
 * account, and recorded as a negative payment against the original (externalId = the refund's id),
 * within the same caps as a refund recorded by hand (lib/billing/payments.ts). The webhook's
 * `refund.created` for it then finds it already recorded.
 */
import { eq } from "drizzle-orm";
import type Stripe from "stripe";
import { payments } from "../../db/schema/mod.ts";
import type { ActingAs } from "../audit/audit.ts";
import { formatAmount } from "../billing/currency.ts";
import type { Payment } from "../billing/payments.ts";
import { ConflictError, NotFoundError, ValidationError } from "../errors.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { getStripeAccount } from "./account_settings.ts";
import { paymentByExternalId, recordStripeRefund, refundableOf } from "./ledger.ts";

export interface OnlineRefundInput {
  /** Our payment row (method stripe) to refund. */
  paymentId: string;
  /** Minor units. */
  amount: number;
  /** Why, for the ledger and Stripe's metadata. */
  reason?: string | null;
}

/**
 * Refunds part or all of an online payment. Refused (ValidationError) above what is left of the
 * payment; ConflictError for payments not taken through Stripe or voided.
 */
export async function refundOnline(
  db: TenantDb,
  stripe: Stripe,
  input: OnlineRefundInput,
  acting: ActingAs,
  now = new Date(),
): Promise<Payment> {
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0) {
    throw new ValidationError({ amount: "Enter an amount above zero." });
  }
  const reason = input.reason?.trim().slice(0, 500) || null;
  const [original] = await db.select().from(payments).where(eq(payments.id, input.paymentId));
  if (!original) throw new NotFoundError("No such payment.");
  if (original.method !== "stripe" || !original.externalId || original.amount < 0) {
    throw new ConflictError("Only a payment taken online is refunded through Stripe.");
  }
  if (original.voidedAt) throw new ConflictError("This payment was voided: there is nothing to refund.");
  const { accountId } = await getStripeAccount(db);
  if (!accountId) throw new ConflictError("This studio has no Stripe account to refund from.");
  const most = await db.transaction((tx) => refundableOf(tx, original));
  if (input.amount > most) {
    throw new ValidationError({
      amount: most <= 0
        ? "Nothing of this payment is left to refund."
        : `At most ${formatAmount(most, original.currency, "en")} of this payment can be refunded.`,
    });
  }
  // What is left to refund is part of the key: a double click makes one refund, a later one another.
  const refund = await stripe.refunds.create({
    payment_intent: original.externalId,
    amount: input.amount,
    reason: "requested_by_customer",
    metadata: { paymentId: original.id, ...(reason ? { note: reason } : {}) },
  }, { stripeAccount: accountId, idempotencyKey: `refund-${original.id}-${input.amount}-${most}` });
  if (refund.status === "failed" || refund.status === "canceled") {
    throw new ConflictError(`Stripe refused the refund (${refund.failure_reason ?? refund.status}).`);
  }
  return await db.transaction(async (tx) => {
    const recorded = await recordStripeRefund(tx, {
      original,
      amount: refund.amount,
      refundId: refund.id,
      refundedAt: refund.created ? new Date(refund.created * 1000) : now,
      note: reason,
    }, acting);
    return recorded ?? (await paymentByExternalId(tx, refund.id))!;
  });
}

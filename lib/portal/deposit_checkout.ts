import { startCheckout } from "../stripe/checkout.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import type { OnlineBooking } from "./book.ts";
import type { OnlinePayments } from "./online_payments.ts";

/**
 * Sends the client to Stripe Checkout for a new booking's deposit invoice; Stripe brings them back
 * to the booking's receipt page either way (paid, or cancelled to try again), where the hold shows.
 */
export async function startDepositCheckout(
  db: TenantDb,
  payments: OnlinePayments,
  booking: OnlineBooking,
  options: { tenantId: string; email: string; description: string; returnUrl: string },
): Promise<{ id: string; url: string }> {
  if (!booking.depositDocumentId) throw new Error("A booking awaiting payment has a deposit invoice.");
  return await startCheckout(db, payments.stripe, {
    purpose: "deposit",
    documentId: booking.depositDocumentId,
    bookingId: booking.bookingId,
    amount: booking.deposit,
    currency: booking.currency,
    description: options.description,
    customerEmail: options.email,
    successUrl: `${options.returnUrl}&paid=1`,
    cancelUrl: options.returnUrl,
    accountId: payments.accountId,
    tenantId: options.tenantId,
  });
}

/**
 * A client cancels their booking in the portal (journey 17). What happens to the money follows the
 * policy the booking was made under (lib/portal/policy.ts), and the client reads the outcome before
 * confirming: a full refund of what they paid, the deposit kept, or the full price due.
 */
import { and, eq, gt } from "drizzle-orm";
import { billingDocuments, payments, portalBookings } from "../../db/schema/mod.ts";
import type { ActingAs } from "../audit/audit.ts";
import { createCreditNote, issueCreditNote } from "../billing/credit_notes.ts";
import { ConflictError, NotFoundError } from "../errors.ts";
import { log } from "../http/logger.ts";
import { applyTransition, lockBooking } from "../scheduling/bookings.ts";
import { refundOnline } from "../stripe/refunds.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import type { OnlinePayments } from "./online_payments.ts";
import { cancellationOutcome, type CancellationResult } from "./policy.ts";
import { withMessage } from "./portal_locale.ts";
import { type ClientBookingView, clientBookingView } from "./portal_booking.ts";

const CANCELLABLE = ["awaiting_payment", "awaiting_approval", "confirmed"];

export interface CancellationPreview {
  view: ClientBookingView;
  /** What the client has paid towards this booking. */
  paid: number;
  result: CancellationResult;
}

/** The outcome of cancelling now, or null when the booking cannot be cancelled online. */
export async function previewCancellation(
  db: TenantDb,
  bookingId: string,
  clientId: string,
  now: Date,
): Promise<CancellationPreview | null> {
  const view = await clientBookingView(db, bookingId, clientId, now);
  if (!view?.terms || !CANCELLABLE.includes(view.state) || view.start <= now) return null;
  const paid = await depositPaid(db, view.terms.depositDocumentId);
  const result = cancellationOutcome(view.terms.policy, {
    startsAt: view.start,
    now,
    price: view.terms.price,
    deposit: view.terms.deposit,
    paid,
  });
  return { view, paid, result };
}

async function depositPaid(db: Pick<TenantDb, "select">, documentId: string | null): Promise<number> {
  if (!documentId) return 0;
  const [doc] = await db.select({ paid: billingDocuments.amountPaid }).from(billingDocuments)
    .where(eq(billingDocuments.id, documentId));
  return doc?.paid ?? 0;
}

/**
 * Cancels: the booking, its portal terms (with the outcome recorded) and, when nothing is kept, a
 * credit note zeroing the deposit invoice, in one transaction; then the refund through Stripe. A
 * refund Stripe refuses leaves the money as client credit and is logged for staff.
 */
export async function cancelOnline(
  db: TenantDb,
  bookingId: string,
  clientId: string,
  online: OnlinePayments | null,
  now = new Date(),
): Promise<CancellationPreview> {
  const preview = await previewCancellation(db, bookingId, clientId, now);
  if (!preview) {
    throw withMessage(
      new ConflictError("This session can no longer be cancelled online. Contact the studio."),
      "portal.error.cancel_closed",
    );
  }
  const acting: ActingAs = { actor: { type: "client", id: clientId } };
  const terms = preview.view.terms!;
  const creditDeposit = terms.depositDocumentId !== null && preview.result.kept === 0;
  await db.transaction(async (tx) => {
    const row = await lockBooking(tx, bookingId);
    if (row.clientId !== clientId) throw new NotFoundError("No such session.");
    await applyTransition(tx, row, "cancel", acting, now, `Cancelled online: ${preview.result.outcome}`);
    await tx.update(portalBookings).set({
      state: "cancelled",
      cancellation: { ...preview.result, paid: preview.paid, at: now.toISOString() },
      updatedAt: now,
    }).where(eq(portalBookings.bookingId, bookingId));
    if (creditDeposit) {
      const note = await createCreditNote(tx, terms.depositDocumentId!, {
        lines: "all",
        reason: "Booking cancelled by the client; the deposit is not kept.",
      }, acting);
      await issueCreditNote(tx, note.id, note.version, acting, { now });
    }
  });
  if (online && preview.result.refund > 0 && terms.depositDocumentId) {
    await refundDeposit(db, online, terms.depositDocumentId, preview.result.refund, acting, now);
  }
  return preview;
}

/**
 * Refunds up to `amount` of what was paid online on a deposit invoice, payment by payment; resolves
 * what was refunded. A refund Stripe refuses is logged for staff and stops there.
 */
export async function refundDeposit(
  db: TenantDb,
  online: OnlinePayments,
  documentId: string,
  amount: number,
  acting: ActingAs,
  now: Date,
): Promise<number> {
  const paidOnline = await db.select().from(payments).where(and(
    eq(payments.documentId, documentId),
    eq(payments.method, "stripe"),
    gt(payments.amount, 0),
  ));
  let left = amount;
  for (const payment of paidOnline) {
    if (left <= 0) break;
    const part = Math.min(left, payment.amount);
    try {
      await refundOnline(
        db,
        online.stripe,
        { paymentId: payment.id, amount: part, reason: "Booking cancelled" },
        acting,
        now,
      );
      left -= part;
    } catch (err) {
      log.error("refund of a cancelled booking's deposit failed; staff must refund it", {
        documentId,
        error: err,
      });
      break;
    }
  }
  return amount - left;
}

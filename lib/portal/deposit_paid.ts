/**
 * What a paid deposit does to the booking it secures. Called by the Stripe event processor
 * (lib/stripe/events.ts) inside the transaction that records the payment, so the booking changes
 * exactly when the money is recorded, and a duplicate event changes nothing.
 */
import { eq, max } from "drizzle-orm";
import {
  bookingBlocks,
  bookingOffers,
  bookings,
  portalBookings,
  type PortalBookingState,
} from "../../db/schema/mod.ts";
import { recordAudit } from "../audit/audit.ts";
import { applyTransition, lockBooking } from "../scheduling/bookings.ts";
import type { Tx } from "../scheduling/booking_rows.ts";
import { EXCLUSION_VIOLATION, pgError } from "../tenancy/pg_error.ts";

const SYSTEM = { actor: { type: "system" as const } };

/**
 * Confirms a held booking whose deposit is paid — or, for an offer staff approve, keeps the hold
 * until they do (it no longer lapses). A hold that lapsed before the money arrived is confirmed
 * again if its time is still free; if someone else took it, the booking stays expired and the
 * deposit stays paid on its deposit invoice, for staff to refund or move. Returns the state it
 * leaves, or null when the booking was not waiting for this money (nothing changed).
 */
export async function depositPaid(tx: Tx, bookingId: string, now: Date): Promise<PortalBookingState | null> {
  const [portal] = await tx.select().from(portalBookings).where(eq(portalBookings.bookingId, bookingId))
    .for("update");
  // A hold that lapsed unpaid reads `expired` (lib/scheduling/booking_rows.ts): its late money still counts.
  if (!portal || (portal.state !== "awaiting_payment" && portal.state !== "expired")) return null;
  const booking = await lockBooking(tx, bookingId);
  const [offer] = await tx.select({ requiresApproval: bookingOffers.requiresApproval }).from(bookingOffers)
    .where(eq(bookingOffers.id, portal.offerId));
  const markState = async (state: PortalBookingState): Promise<PortalBookingState> => {
    await tx.update(portalBookings).set({ state, updatedAt: now }).where(
      eq(portalBookings.bookingId, bookingId),
    );
    await recordAudit(tx, {
      ...SYSTEM,
      action: "portal_booking.deposit_paid",
      entity: { type: "booking", id: bookingId },
      changes: { state: { before: portal.state, after: state } },
    });
    return state;
  };

  if (booking.status === "hold" && offer?.requiresApproval) {
    // Paid: the slot is the client's until staff decide, however long that takes.
    const [{ lastEnd }] = await tx.select({ lastEnd: max(bookingBlocks.endsAt) }).from(bookingBlocks)
      .where(eq(bookingBlocks.bookingId, bookingId));
    await tx.update(bookings).set({ holdExpiresAt: lastEnd ?? booking.holdExpiresAt, updatedAt: now })
      .where(eq(bookings.id, bookingId));
    return await markState("awaiting_approval");
  }
  if (booking.status !== "hold" && booking.status !== "expired") return await markState("confirmed");
  try {
    // A savepoint: if the lapsed hold's time was taken meanwhile, only this step rolls back.
    await tx.transaction((sp) => applyTransition(sp, booking, "confirm", SYSTEM, now));
    return await markState("confirmed");
  } catch (err) {
    if (pgError(err)?.code !== EXCLUSION_VIOLATION) throw err;
    return await markState("expired");
  }
}

/** A booking as its client sees it in the portal: times, room, what was agreed online, where it stands. */
import { eq } from "drizzle-orm";
import { portalBookings } from "../../db/schema/mod.ts";
import { type BookingDetail, getBooking } from "../scheduling/booking_reads.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";

export type PortalBookingRow = typeof portalBookings.$inferSelect;

/** What the client is told: a lapsed hold is expired whatever the payment side says. */
export type ClientBookingState =
  | "awaiting_payment"
  | "awaiting_approval"
  | "confirmed"
  | "cancelled"
  | "expired"
  | "done";

export interface ClientBookingView {
  booking: BookingDetail;
  terms: PortalBookingRow | null;
  state: ClientBookingState;
  start: Date;
  end: Date;
}

export function clientBookingState(booking: BookingDetail, terms: PortalBookingRow | null, now: Date) {
  switch (booking.status) {
    case "hold":
      if (booking.holdExpiresAt && booking.holdExpiresAt <= now) return "expired";
      return terms?.state === "awaiting_payment" ? "awaiting_payment" : "awaiting_approval";
    case "confirmed":
    case "in_progress":
      return "confirmed";
    case "completed":
    case "no_show":
      return "done";
    default:
      return booking.status;
  }
}

/** The booking if it belongs to `clientId` (undefined: any, for a signed receipt link); else null. */
export async function clientBookingView(
  db: TenantDb,
  bookingId: string,
  clientId: string | undefined,
  now = new Date(),
): Promise<ClientBookingView | null> {
  const [booking, [terms]] = await Promise.all([
    getBooking(db, bookingId),
    db.select().from(portalBookings).where(eq(portalBookings.bookingId, bookingId)),
  ]);
  if (!booking || (clientId !== undefined && booking.client?.id !== clientId)) return null;
  const start = booking.blocks[0].start;
  const end = booking.blocks.at(-1)!.end;
  return {
    booking,
    terms: terms ?? null,
    state: clientBookingState(booking, terms ?? null, now),
    start,
    end,
  };
}

/** A booking as its client sees it in the portal: times, room, what was agreed online, where it stands. */
import { inArray } from "drizzle-orm";
import { portalBookings } from "../../db/schema/mod.ts";
import { type BookingDetail, bookingDetails } from "../scheduling/booking_reads.ts";
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
  return (await clientBookingViews(db, [bookingId], clientId, now))[0] ?? null;
}

/** The bookings of `clientId` among `ids`, in that order, in a fixed number of queries. */
export async function clientBookingViews(
  db: TenantDb,
  ids: string[],
  clientId: string | undefined,
  now = new Date(),
): Promise<ClientBookingView[]> {
  if (ids.length === 0) return [];
  const [details, terms] = await Promise.all([
    bookingDetails(db, ids),
    db.select().from(portalBookings).where(inArray(portalBookings.bookingId, ids)),
  ]);
  return details.filter((booking) => clientId === undefined || booking.client?.id === clientId)
    .map((booking) => {
      const own = terms.find((t) => t.bookingId === booking.id) ?? null;
      return {
        booking,
        terms: own,
        state: clientBookingState(booking, own, now),
        start: booking.blocks[0].start,
        end: booking.blocks.at(-1)!.end,
      };
    });
}

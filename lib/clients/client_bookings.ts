import { asc, count, desc, eq, gt, lte, max, min, type SQL, sql } from "drizzle-orm";
import { bookingBlocks, bookings, type BookingStatus, rooms } from "../../db/schema/mod.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";

/** A booking as the client's page lists it: its first start and last end over all its blocks. */
export interface ClientBooking {
  id: string;
  title: string;
  status: BookingStatus;
  roomName: string;
  startsAt: Date;
  endsAt: Date;
}

export interface ClientBookings {
  /** Not yet over, soonest first. */
  upcoming: ClientBooking[];
  /** Over, latest first. */
  past: ClientBooking[];
  /** Every booking of the client, however many the lists show. */
  total: number;
}

/**
 * The client's bookings with their room and times, `limit` upcoming and `limit` past. A booking is
 * upcoming until its last block ends.
 */
export async function clientBookings(
  db: TenantDb,
  clientId: string,
  options: { now?: Date; limit?: number } = {},
): Promise<ClientBookings> {
  const now = options.now ?? new Date();
  const limit = options.limit ?? 20;
  const startsAt = min(bookingBlocks.startsAt);
  const endsAt = max(bookingBlocks.endsAt);
  const list = (having: SQL, order: SQL) =>
    db.select({
      id: bookings.id,
      title: bookings.title,
      status: bookings.status,
      roomName: rooms.name,
      startsAt: sql<Date>`${startsAt}`.mapWith(bookingBlocks.startsAt),
      endsAt: sql<Date>`${endsAt}`.mapWith(bookingBlocks.endsAt),
    }).from(bookings)
      .innerJoin(rooms, eq(rooms.id, bookings.roomId))
      .innerJoin(bookingBlocks, eq(bookingBlocks.bookingId, bookings.id))
      .where(eq(bookings.clientId, clientId))
      .groupBy(bookings.id, rooms.name)
      .having(having)
      .orderBy(order, asc(bookings.id))
      .limit(limit);
  const [upcoming, past, [{ total }]] = await Promise.all([
    list(gt(endsAt, now), asc(startsAt)),
    list(lte(endsAt, now), desc(startsAt)),
    db.select({ total: count() }).from(bookings).where(eq(bookings.clientId, clientId)),
  ]);
  return { upcoming, past, total };
}

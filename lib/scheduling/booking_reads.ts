import { asc, eq, inArray } from "drizzle-orm";
import {
  bookingBlocks,
  bookings,
  type BookingStatus,
  clients,
  engineerReservations,
  engineers,
  gear,
  gearReservations,
  rooms,
} from "../../db/schema/mod.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";

/** A database or an open transaction, for reads. */
export type Reader = Pick<TenantDb, "select" | "selectDistinct">;

/** How a booking is read back: the row with its room, client, blocks, engineers and gear. */
export interface BookingDetail {
  id: string;
  title: string;
  status: BookingStatus;
  source: string;
  notes: string | null;
  holdExpiresAt: Date | null;
  version: number;
  seriesId: string | null;
  seriesIndex: number | null;
  createdAt: Date;
  updatedAt: Date;
  room: { id: string; name: string; colour: string };
  client: { id: string; name: string } | null;
  blocks: { id: string; start: Date; end: Date }[];
  engineers: { id: string; name: string }[];
  gear: { id: string; name: string; quantity: number }[];
}

/** One booking with everything a page or the API shows, or null. */
export async function getBooking(db: Reader, id: string): Promise<BookingDetail | null> {
  const [details] = await bookingDetails(db, [id]);
  return details ?? null;
}

/** Bookings by id with their room, client, blocks, engineers and gear, in the order asked. */
export async function bookingDetails(db: Reader, ids: string[]): Promise<BookingDetail[]> {
  if (ids.length === 0) return [];
  const [rows, blocks, engineerRows, gearRows] = await Promise.all([
    db.select({
      booking: bookings,
      room: { id: rooms.id, name: rooms.name, colour: rooms.colour },
      clientName: clients.name,
    }).from(bookings)
      .innerJoin(rooms, eq(rooms.id, bookings.roomId))
      .leftJoin(clients, eq(clients.id, bookings.clientId))
      .where(inArray(bookings.id, ids)),
    db.select({
      bookingId: bookingBlocks.bookingId,
      id: bookingBlocks.id,
      start: bookingBlocks.startsAt,
      end: bookingBlocks.endsAt,
    }).from(bookingBlocks).where(inArray(bookingBlocks.bookingId, ids)).orderBy(asc(bookingBlocks.startsAt)),
    db.selectDistinct({ bookingId: engineerReservations.bookingId, id: engineers.id, name: engineers.name })
      .from(engineerReservations).innerJoin(engineers, eq(engineers.id, engineerReservations.engineerId))
      .where(inArray(engineerReservations.bookingId, ids)),
    db.selectDistinct({
      bookingId: gearReservations.bookingId,
      id: gear.id,
      name: gear.name,
      quantity: gearReservations.quantity,
    }).from(gearReservations).innerJoin(gear, eq(gear.id, gearReservations.gearId))
      .where(inArray(gearReservations.bookingId, ids)),
  ]);
  const byId = new Map(rows.map((r) => [r.booking.id, r]));
  const blocksOf = Map.groupBy(blocks, (x) => x.bookingId);
  const engineersOf = Map.groupBy(engineerRows, (x) => x.bookingId);
  const gearOf = Map.groupBy(gearRows, (x) => x.bookingId);
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const b = r.booking;
    return [bookingDetail(b, {
      room: r.room,
      client: b.clientId && r.clientName !== null ? { id: b.clientId, name: r.clientName } : null,
      blocks: blocksOf.get(id) ?? [],
      engineers: engineersOf.get(id) ?? [],
      gear: gearOf.get(id) ?? [],
    })];
  });
}

/**
 * A booking row and what it names, as pages and the API show it: blocks by start, engineers and gear
 * by name. Shared by the reads above and by writes that answer from what they wrote.
 */
export function bookingDetail(
  b: typeof bookings.$inferSelect,
  parts: {
    room: BookingDetail["room"];
    client: BookingDetail["client"];
    blocks: readonly BookingDetail["blocks"][number][];
    engineers: readonly BookingDetail["engineers"][number][];
    gear: readonly BookingDetail["gear"][number][];
  },
): BookingDetail {
  const byName = (x: { name: string }, y: { name: string }) => x.name.localeCompare(y.name);
  return {
    id: b.id,
    title: b.title,
    status: b.status,
    source: b.source,
    notes: b.notes,
    holdExpiresAt: b.holdExpiresAt,
    version: b.version,
    seriesId: b.seriesId,
    seriesIndex: b.seriesIndex,
    createdAt: b.createdAt,
    updatedAt: b.updatedAt,
    room: { id: parts.room.id, name: parts.room.name, colour: parts.room.colour },
    client: parts.client,
    blocks: parts.blocks.map(({ id, start, end }) => ({ id, start, end }))
      .sort((x, y) => x.start.getTime() - y.start.getTime()),
    engineers: parts.engineers.map(({ id, name }) => ({ id, name })).sort(byName),
    gear: parts.gear.map(({ id, name, quantity }) => ({ id, name, quantity })).sort(byName),
  };
}

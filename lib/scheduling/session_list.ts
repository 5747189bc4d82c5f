import { and, asc, eq, exists, gt, inArray, or, type SQL, sql } from "drizzle-orm";
import {
  bookingBlocks,
  bookings,
  type BookingStatus,
  clients,
  engineerReservations,
  engineers,
  rooms,
} from "../../db/schema/mod.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { instant } from "./booking_conflicts.ts";

/** One block of a session as lists and calendars show it. */
export interface SessionBlockRow {
  blockId: string;
  bookingId: string;
  start: Date;
  end: Date;
  title: string;
  status: BookingStatus;
  roomId: string;
  roomName: string;
  colour: string;
  clientName: string | null;
  /** Names, comma-separated, or null when nobody is assigned. */
  engineerNames: string | null;
  seriesId: string | null;
}

export interface SessionFilter {
  /** Blocks that overlap [from, to). */
  from: Date;
  to: Date;
  roomId?: string;
  /** Only blocks this engineer works (engineers see their own sessions). */
  engineerId?: string;
  statuses?: BookingStatus[];
  /** Keyset: the last row of the previous page. */
  after?: { start: Date; blockId: string };
  /** 1–5,000, default 100. */
  limit?: number;
}

/** Statuses shown unless a filter asks otherwise: what occupies time. */
export const ACTIVE_STATUSES: BookingStatus[] = ["hold", "confirmed", "in_progress", "completed"];

/**
 * Session blocks in a window, in start order, with room, client and engineer names — one query,
 * however many rows (the list the anchor product built with a request per row).
 */
export async function listSessionBlocks(db: TenantDb, filter: SessionFilter): Promise<SessionBlockRow[]> {
  const conditions: SQL[] = [
    // The range form uses booking_blocks_span_idx; `starts_at < to AND ends_at > from` would read all history.
    sql`tstzrange(${bookingBlocks.startsAt}, ${bookingBlocks.endsAt}) && tstzrange(${instant(filter.from)}, ${
      instant(filter.to)
    })`,
    inArray(bookings.status, filter.statuses ?? ACTIVE_STATUSES),
  ];
  if (filter.roomId) conditions.push(eq(bookingBlocks.roomId, filter.roomId));
  if (filter.engineerId) {
    conditions.push(exists(
      db.select({ one: sql`1` }).from(engineerReservations).where(and(
        eq(engineerReservations.blockId, bookingBlocks.id),
        eq(engineerReservations.engineerId, filter.engineerId),
      )),
    ));
  }
  if (filter.after) {
    conditions.push(
      or(
        gt(bookingBlocks.startsAt, filter.after.start),
        and(eq(bookingBlocks.startsAt, filter.after.start), gt(bookingBlocks.id, filter.after.blockId)),
      )!,
    );
  }
  return await db.select({
    blockId: bookingBlocks.id,
    bookingId: bookings.id,
    start: bookingBlocks.startsAt,
    end: bookingBlocks.endsAt,
    title: bookings.title,
    status: bookings.status,
    roomId: rooms.id,
    roomName: rooms.name,
    colour: rooms.colour,
    clientName: clients.name,
    engineerNames: sql<string | null>`(
      SELECT string_agg(${engineers.name}, ', ' ORDER BY ${engineers.name})
      FROM ${engineerReservations} JOIN ${engineers} ON ${engineers.id} = ${engineerReservations.engineerId}
      WHERE ${engineerReservations.blockId} = ${bookingBlocks.id})`,
    seriesId: bookings.seriesId,
  }).from(bookingBlocks)
    .innerJoin(bookings, eq(bookings.id, bookingBlocks.bookingId))
    .innerJoin(rooms, eq(rooms.id, bookingBlocks.roomId))
    .leftJoin(clients, eq(clients.id, bookings.clientId))
    .where(and(...conditions))
    .orderBy(asc(bookingBlocks.startsAt), asc(bookingBlocks.id))
    .limit(Math.min(Math.max(filter.limit ?? 100, 1), 5_000));
}

/** The engineer record of a staff member, if the studio linked one (engineers see their own sessions). */
export async function engineerOfStaff(db: TenantDb, staffId: string): Promise<string | null> {
  const [row] = await db.select({ id: engineers.id }).from(engineers).where(eq(engineers.staffId, staffId));
  return row?.id ?? null;
}

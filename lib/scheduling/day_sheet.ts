/**
 * The front desk's day sheet: every session block of one local day in the studio's zone, with who
 * comes, who works and what gear goes out — read in one query, whatever the number of sessions.
 *
 * ```ts
 * const entries = await daySheet(db, { date: "2026-12-07", timeZone: "Europe/Paris" });
 * ```
 */
import { and, asc, eq, exists, inArray, type SQL, sql } from "drizzle-orm";
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
import { instant } from "./booking_conflicts.ts";
import { addDays, zonedInstant } from "./local_time.ts";
import { ACTIVE_STATUSES } from "./session_list.ts";

/** One session block on the sheet. */
export interface DaySheetEntry {
  blockId: string;
  bookingId: string;
  start: Date;
  end: Date;
  title: string;
  status: BookingStatus;
  notes: string | null;
  roomId: string;
  roomName: string;
  client: { name: string; phone: string | null } | null;
  /** Engineers working this block, by name. */
  engineers: string[];
  /** Gear taken for this block, by name. */
  gear: { name: string; quantity: number }[];
}

/** A day of any studio holds far fewer; past this the sheet would be no use on paper anyway. */
export const DAY_SHEET_MAX = 1_000;

/** The instants a local day covers: [start, end), 23 or 25 hours on DST change days. */
export function localDay(date: string, timeZone: string): { start: Date; end: Date } | null {
  const start = zonedInstant(date, "00:00", timeZone);
  if (!start) return null;
  return { start, end: zonedInstant(addDays(date, 1), "00:00", timeZone)! };
}

// Some drivers hand json back parsed, others as text.
const parsed = <T>(value: unknown): T => (typeof value === "string" ? JSON.parse(value) : value) as T;

/**
 * The blocks that overlap local `date` (a night session from the evening before included), by
 * start, then room. With `engineerId`, only the blocks that engineer works (engineers see their own).
 */
export async function daySheet(
  db: TenantDb,
  options: { date: string; timeZone: string; engineerId?: string },
): Promise<DaySheetEntry[]> {
  const day = localDay(options.date, options.timeZone);
  if (!day) return [];
  const conditions: SQL[] = [
    sql`tstzrange(${bookingBlocks.startsAt}, ${bookingBlocks.endsAt}) && tstzrange(${instant(day.start)}, ${
      instant(day.end)
    })`,
    inArray(bookings.status, ACTIVE_STATUSES),
  ];
  if (options.engineerId) {
    conditions.push(exists(
      db.select({ one: sql`1` }).from(engineerReservations).where(and(
        eq(engineerReservations.blockId, bookingBlocks.id),
        eq(engineerReservations.engineerId, options.engineerId),
      )),
    ));
  }
  const rows = await db.select({
    blockId: bookingBlocks.id,
    bookingId: bookings.id,
    start: bookingBlocks.startsAt,
    end: bookingBlocks.endsAt,
    title: bookings.title,
    status: bookings.status,
    notes: bookings.notes,
    roomId: rooms.id,
    roomName: rooms.name,
    clientName: clients.name,
    clientPhone: clients.phone,
    engineers: sql<unknown>`(
      SELECT coalesce(json_agg(${engineers.name} ORDER BY lower(${engineers.name}), ${engineers.id}), '[]')
      FROM ${engineerReservations} JOIN ${engineers} ON ${engineers.id} = ${engineerReservations.engineerId}
      WHERE ${engineerReservations.blockId} = ${bookingBlocks.id})`,
    gear: sql<unknown>`(
      SELECT coalesce(json_agg(json_build_object('name', ${gear.name}, 'quantity', ${gearReservations.quantity})
        ORDER BY lower(${gear.name}), ${gear.id}), '[]')
      FROM ${gearReservations} JOIN ${gear} ON ${gear.id} = ${gearReservations.gearId}
      WHERE ${gearReservations.blockId} = ${bookingBlocks.id})`,
  }).from(bookingBlocks)
    .innerJoin(bookings, eq(bookings.id, bookingBlocks.bookingId))
    .innerJoin(rooms, eq(rooms.id, bookingBlocks.roomId))
    .leftJoin(clients, eq(clients.id, bookings.clientId))
    .where(and(...conditions))
    .orderBy(
      asc(bookingBlocks.startsAt),
      asc(sql`lower(${rooms.name})`),
      asc(rooms.id),
      asc(bookingBlocks.id),
    )
    .limit(DAY_SHEET_MAX);
  return rows.map(({ clientName, clientPhone, engineers, gear, ...row }) => ({
    ...row,
    client: clientName === null ? null : { name: clientName, phone: clientPhone },
    engineers: parsed<string[]>(engineers),
    gear: parsed<{ name: string; quantity: number }[]>(gear),
  }));
}

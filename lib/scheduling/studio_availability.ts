/**
 * Free session times read from the studio's database: a room (its opening hours, closures, buffers
 * and bookings) and optionally engineers (working hours, time off, sessions), fed to the pure
 * availability engine. What the booking API and the client portal offer.
 */
import { and, eq, gt, inArray, isNull, lt, ne, or } from "drizzle-orm";
import {
  bookingBlocks,
  bookings,
  closures,
  engineerReservations,
  engineerTimeOff,
} from "../../db/schema/mod.ts";
import { ValidationError } from "../errors.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { availableSlots, type BookableResource, type BusyRange, type Slot } from "./availability.ts";
import { getEngineer } from "./engineers.ts";
import { getRoom } from "./rooms.ts";

type Reader = Pick<TenantDb, "select">;

export interface StudioSlotQuery {
  roomId: string;
  engineerIds?: string[];
  /** Slots start in [from, to). */
  from: Date;
  to: Date;
  durationMinutes: number;
  /** Starts offered every this many minutes of wall time from each opening (default 30). */
  stepMinutes?: number;
  minimumNoticeMinutes?: number;
  horizonDays?: number;
  now?: Date;
  /** The studio's zone: rooms and engineers keep their hours in it. */
  timeZone: string;
  /** A booking being moved: its own times do not make the room or its engineers busy. */
  excludeBookingId?: string;
}

/** At most this window per query: a month and a bit, what a booking page shows at once. */
export const MAX_WINDOW_DAYS = 62;
const DAY_MS = 86_400_000;

/**
 * The free slots of `durationMinutes` in the room (and with every engineer named) between `from`
 * and `to`. Holds that have lapsed no longer block, even before a write releases them.
 */
export async function studioSlots(db: Reader, query: StudioSlotQuery): Promise<Slot[]> {
  const span = query.to.getTime() - query.from.getTime();
  if (!(span > 0) || span > MAX_WINDOW_DAYS * DAY_MS) {
    throw new ValidationError({
      to: `Ask for a window of up to ${MAX_WINDOW_DAYS} days that ends after it starts.`,
    });
  }
  const now = query.now ?? new Date();
  const engineerIds = [...new Set(query.engineerIds ?? [])];
  const [room, engineers] = await Promise.all([
    getRoom(db, query.roomId),
    Promise.all(engineerIds.map((id) => getEngineer(db, id))),
  ]);
  if (!room.active) throw new ValidationError({ roomId: "This room is not taking bookings." });
  if (engineers.some((e) => !e.active)) {
    throw new ValidationError({ engineerIds: "This engineer is not taking bookings." });
  }

  // Busy ranges are stored widened by their own buffers; the engine adds the new session's.
  const reach = {
    from: new Date(query.from.getTime() - DAY_MS),
    to: new Date(query.to.getTime() + query.durationMinutes * 60_000 + DAY_MS),
  };
  const live = or(
    eq(bookings.status, "confirmed"),
    eq(bookings.status, "in_progress"),
    eq(bookings.status, "completed"),
    and(eq(bookings.status, "hold"), gt(bookings.holdExpiresAt, now)),
  );
  const counted = query.excludeBookingId ? and(live, ne(bookings.id, query.excludeBookingId)) : live;
  const [roomBusy, roomClosures, engineerBusy, timeOff] = await Promise.all([
    db.select({
      id: bookingBlocks.bookingId,
      start: bookingBlocks.blockedFrom,
      end: bookingBlocks.blockedUntil,
    })
      .from(bookingBlocks).innerJoin(bookings, eq(bookings.id, bookingBlocks.bookingId))
      .where(and(
        eq(bookingBlocks.roomId, room.id),
        eq(bookingBlocks.blocking, true),
        lt(bookingBlocks.blockedFrom, reach.to),
        gt(bookingBlocks.blockedUntil, reach.from),
        counted,
      )),
    db.select({ id: closures.id, start: closures.startsAt, end: closures.endsAt }).from(closures)
      .where(and(
        or(eq(closures.roomId, room.id), isNull(closures.roomId)),
        lt(closures.startsAt, reach.to),
        gt(closures.endsAt, reach.from),
      )),
    engineerIds.length === 0 ? [] : db.select({
      engineerId: engineerReservations.engineerId,
      id: bookingBlocks.bookingId,
      start: engineerReservations.blockedFrom,
      end: engineerReservations.blockedUntil,
    }).from(engineerReservations)
      .innerJoin(bookingBlocks, eq(bookingBlocks.id, engineerReservations.blockId))
      .innerJoin(bookings, eq(bookings.id, bookingBlocks.bookingId))
      .where(and(
        inArray(engineerReservations.engineerId, engineerIds),
        eq(engineerReservations.blocking, true),
        lt(engineerReservations.blockedFrom, reach.to),
        gt(engineerReservations.blockedUntil, reach.from),
        counted,
      )),
    engineerIds.length === 0 ? [] : db.select({
      engineerId: engineerTimeOff.engineerId,
      id: engineerTimeOff.id,
      start: engineerTimeOff.startsAt,
      end: engineerTimeOff.endsAt,
    }).from(engineerTimeOff)
      .where(and(
        inArray(engineerTimeOff.engineerId, engineerIds),
        lt(engineerTimeOff.startsAt, reach.to),
        gt(engineerTimeOff.endsAt, reach.from),
      )),
  ]);

  const ranges = (rows: { id: string; start: Date; end: Date }[]): BusyRange[] =>
    rows.map((r) => ({ id: r.id, start: r.start.getTime(), end: r.end.getTime() }));
  const buffers = { setupMinutes: room.setupMinutes, teardownMinutes: room.teardownMinutes };
  const resources: BookableResource[] = [
    {
      id: room.id,
      timeZone: query.timeZone,
      hours: room.openingHours,
      closures: ranges(roomClosures),
      busy: ranges(roomBusy),
      ...buffers,
    },
    // An engineer's reservation spans the block's buffered time, so the room's buffers apply to them.
    ...engineers.map((engineer) => ({
      id: engineer.id,
      timeZone: query.timeZone,
      hours: engineer.workingHours,
      closures: ranges(timeOff.filter((t) => t.engineerId === engineer.id)),
      busy: ranges(engineerBusy.filter((b) => b.engineerId === engineer.id)),
      ...buffers,
    })),
  ];
  return availableSlots({
    resources,
    now: now.getTime(),
    from: query.from.getTime(),
    to: query.to.getTime(),
    durationMinutes: query.durationMinutes,
    stepMinutes: query.stepMinutes ?? 30,
    minimumNoticeMinutes: query.minimumNoticeMinutes,
    horizonDays: query.horizonDays,
  });
}

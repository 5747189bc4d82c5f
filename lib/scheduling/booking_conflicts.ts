import { and, type AnyColumn, eq, inArray, isNull, ne, or, sql } from "drizzle-orm";
import {
  bookingBlocks,
  bookings,
  closures,
  engineerReservations,
  engineerTimeOff,
  gearReservations,
} from "../../db/schema/mod.ts";
import { ConflictError } from "../errors.ts";
import { listPlaceholders, listValues, ReusableSelects } from "../tenancy/reusable_select.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import type { BookingResources } from "./booking_resources.ts";

/** A time range a booking needs, buffers included, as instants. */
export interface Span {
  from: Date;
  until: Date;
}

/** Why one requested block cannot have one resource. */
export interface Conflict {
  /** Which of the requested blocks (0-based). */
  block: number;
  resource: "room" | "engineer" | "gear";
  resourceId: string;
  resourceName: string;
  reason: "booked" | "closed" | "time_off" | "out_of_service" | "quantity";
  /** The booking in the way, when another booking is the reason. */
  bookingId?: string;
  bookingTitle?: string;
  /** The range in the way (the other booking's buffered range, the closure, the time off), ISO instants. */
  start: string;
  end: string;
}

/** A database or an open transaction. */
type Reader = Pick<TenantDb, "_">;

/** An instant as a raw-SQL parameter; postgres-js only converts Dates in typed (column) positions. */
export const instant = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/** The counts the text of a conflict query depends on. */
interface CheckShape {
  spans: number;
  engineers?: number;
  gear?: number;
}

/** Placeholder `name` as an instant (its value an ISO string). */
const instantAt = (name: string) => sql`${sql.placeholder(name)}::timestamptz`;

/** `column` among ids given as placeholders `${prefix}0`, `${prefix}1`, …. */
const amongIds = (column: AnyColumn, prefix: string, count: number) =>
  inArray(column, listPlaceholders(prefix, count));

/** A range meets one of the spans, given as placeholders `from0`/`until0`, `from1`/`until1`, …. */
const overlapsAny = (from: AnyColumn, until: AnyColumn, spans: number) =>
  or(
    ...Array.from(
      { length: spans },
      (_, i) =>
        sql`tstzrange(${from}, ${until}) && tstzrange(${instantAt(`from${i}`)}, ${instantAt(`until${i}`)})`,
    ),
  )!;

/** Other bookings that still block: not the one being edited (`exclude`), not a hold lapsed by `now`. */
const live = () =>
  and(
    ne(bookings.id, sql.placeholder("exclude")),
    sql`NOT (${bookings.status} = 'hold' AND ${bookings.holdExpiresAt} <= ${instantAt("now")})`,
  );

const roomBookings = new ReusableSelects((qb, { spans }: CheckShape) =>
  qb.select({
    from: bookingBlocks.blockedFrom,
    until: bookingBlocks.blockedUntil,
    bookingId: bookings.id,
    title: bookings.title,
  }).from(bookingBlocks).innerJoin(bookings, eq(bookings.id, bookingBlocks.bookingId))
    .where(and(
      eq(bookingBlocks.roomId, sql.placeholder("room")),
      eq(bookingBlocks.blocking, true),
      live(),
      overlapsAny(bookingBlocks.blockedFrom, bookingBlocks.blockedUntil, spans),
    ))
);

const roomClosures = new ReusableSelects((qb, { spans }: CheckShape) =>
  qb.select({ from: closures.startsAt, until: closures.endsAt, roomId: closures.roomId }).from(closures)
    .where(and(
      or(eq(closures.roomId, sql.placeholder("room")), isNull(closures.roomId)),
      overlapsAny(closures.startsAt, closures.endsAt, spans),
    ))
);

const engineerBookings = new ReusableSelects((qb, { spans, engineers }: CheckShape) =>
  qb.select({
    engineerId: engineerReservations.engineerId,
    from: engineerReservations.blockedFrom,
    until: engineerReservations.blockedUntil,
    bookingId: bookings.id,
    title: bookings.title,
  }).from(engineerReservations).innerJoin(bookings, eq(bookings.id, engineerReservations.bookingId))
    .where(and(
      amongIds(engineerReservations.engineerId, "engineer", engineers!),
      eq(engineerReservations.blocking, true),
      live(),
      overlapsAny(engineerReservations.blockedFrom, engineerReservations.blockedUntil, spans),
    ))
);

const engineersOff = new ReusableSelects((qb, { spans, engineers }: CheckShape) =>
  qb.select({
    engineerId: engineerTimeOff.engineerId,
    from: engineerTimeOff.startsAt,
    until: engineerTimeOff.endsAt,
  }).from(engineerTimeOff).where(and(
    amongIds(engineerTimeOff.engineerId, "engineer", engineers!),
    overlapsAny(engineerTimeOff.startsAt, engineerTimeOff.endsAt, spans),
  ))
);

const gearBookings = new ReusableSelects((qb, { spans, gear }: CheckShape) =>
  qb.select({
    gearId: gearReservations.gearId,
    quantity: gearReservations.quantity,
    from: gearReservations.blockedFrom,
    until: gearReservations.blockedUntil,
    bookingId: bookings.id,
    title: bookings.title,
  }).from(gearReservations).innerJoin(bookings, eq(bookings.id, gearReservations.bookingId))
    .where(and(
      amongIds(gearReservations.gearId, "gear", gear!),
      eq(gearReservations.blocking, true),
      live(),
      overlapsAny(gearReservations.blockedFrom, gearReservations.blockedUntil, spans),
    ))
);

const overlaps = (a: Span, from: Date, until: Date) => a.from < until && from < a.until;

/**
 * Everything that stands between a booking and the spans it asks for: other blocking bookings of
 * its room, engineers and gear, room and studio closures, engineers' time off, gear out of service
 * or not enough units left. `excludeBookingId` is the booking being edited, which never conflicts
 * with itself. Expired holds do not block.
 */
export async function findConflicts(
  db: Reader,
  resources: BookingResources,
  spans: Span[],
  options: { excludeBookingId?: string; now: Date },
): Promise<Conflict[]> {
  const { room, engineers, gear } = resources;
  const values = {
    room: room.id,
    exclude: options.excludeBookingId ?? "",
    now: options.now.toISOString(),
    ...listValues("from", spans.map((s) => s.from.toISOString())),
    ...listValues("until", spans.map((s) => s.until.toISOString())),
    ...listValues("engineer", engineers.map((e) => e.id)),
    ...listValues("gear", gear.map((g) => g.item.id)),
  };
  const [roomRows, closureRows, engineerRows, timeOffRows, gearRows] = await Promise.all([
    roomBookings.run(db, { spans: spans.length }, values),
    roomClosures.run(db, { spans: spans.length }, values),
    engineers.length === 0
      ? []
      : engineerBookings.run(db, { spans: spans.length, engineers: engineers.length }, values),
    engineers.length === 0
      ? []
      : engineersOff.run(db, { spans: spans.length, engineers: engineers.length }, values),
    gear.length === 0 ? [] : gearBookings.run(db, { spans: spans.length, gear: gear.length }, values),
  ]);

  const conflicts: Conflict[] = [];
  const range = (from: Date, until: Date) => ({ start: from.toISOString(), end: until.toISOString() });
  spans.forEach((span, block) => {
    for (const row of roomRows) {
      if (!overlaps(span, row.from, row.until)) continue;
      conflicts.push({
        block,
        resource: "room",
        resourceId: room.id,
        resourceName: room.name,
        reason: "booked",
        bookingId: row.bookingId,
        bookingTitle: row.title,
        ...range(row.from, row.until),
      });
    }
    for (const row of closureRows) {
      if (!overlaps(span, row.from, row.until)) continue;
      conflicts.push({
        block,
        resource: "room",
        resourceId: room.id,
        resourceName: room.name,
        reason: "closed",
        ...range(row.from, row.until),
      });
    }
    for (const engineer of engineers) {
      const base = {
        block,
        resource: "engineer" as const,
        resourceId: engineer.id,
        resourceName: engineer.name,
      };
      for (const row of engineerRows) {
        if (row.engineerId !== engineer.id || !overlaps(span, row.from, row.until)) continue;
        conflicts.push({
          ...base,
          reason: "booked",
          bookingId: row.bookingId,
          bookingTitle: row.title,
          ...range(row.from, row.until),
        });
      }
      for (const row of timeOffRows) {
        if (row.engineerId !== engineer.id || !overlaps(span, row.from, row.until)) continue;
        conflicts.push({ ...base, reason: "time_off", ...range(row.from, row.until) });
      }
    }
    for (const { item, quantity } of gear) {
      const base = { block, resource: "gear" as const, resourceId: item.id, resourceName: item.name };
      if (item.status !== "in_service") {
        conflicts.push({ ...base, reason: "out_of_service", ...range(span.from, span.until) });
        continue;
      }
      const others = gearRows.filter((row) => row.gearId === item.id && overlaps(span, row.from, row.until));
      if (peakUnits(others, span) + quantity <= item.quantity) continue;
      for (const row of others) {
        conflicts.push({
          ...base,
          reason: "quantity",
          bookingId: row.bookingId,
          bookingTitle: row.title,
          ...range(row.from, row.until),
        });
      }
      if (others.length === 0) {
        conflicts.push({ ...base, reason: "quantity", ...range(span.from, span.until) });
      }
    }
  });
  return conflicts;
}

/** The most units the given reservations hold at any one instant inside `span`. */
export function peakUnits(reservations: { quantity: number; from: Date; until: Date }[], span: Span): number {
  const events: [number, number][] = [];
  for (const r of reservations) {
    const from = Math.max(r.from.getTime(), span.from.getTime());
    const until = Math.min(r.until.getTime(), span.until.getTime());
    if (from >= until) continue;
    events.push([from, r.quantity], [until, -r.quantity]);
  }
  // Ends sort before starts at the same instant: back-to-back reservations do not add up.
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let units = 0;
  let peak = 0;
  for (const [, delta] of events) {
    units += delta;
    peak = Math.max(peak, units);
  }
  return peak;
}

/**
 * The 409 a refused booking answers with: which resource conflicts with which booking and when,
 * in the studio's zone, plus the structured list for pages and the API.
 */
export function conflictError(conflicts: Conflict[], timeZone: string): ConflictError {
  const first = conflicts[0];
  if (!first) return new ConflictError("Someone else booked this time a moment ago. Choose another time.");
  const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone })
    .formatRange(new Date(first.start), new Date(first.end));
  const what = first.reason === "booked"
    ? `is booked for “${first.bookingTitle}”`
    : first.reason === "closed"
    ? "is closed"
    : first.reason === "time_off"
    ? "is off"
    : first.reason === "out_of_service"
    ? "is out of service"
    : first.bookingTitle
    ? `has no units left (also booked for “${first.bookingTitle}”)`
    : "does not have that many units";
  const more = conflicts.length > 1
    ? ` (and ${conflicts.length - 1} more conflict${conflicts.length > 2 ? "s" : ""})`
    : "";
  return new ConflictError(
    `${first.resourceName} ${what}: ${when}${more}.`,
    conflicts as unknown as Record<string, unknown>[],
  );
}

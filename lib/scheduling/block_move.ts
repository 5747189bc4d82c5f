/**
 * Moving or resizing one block of a session from the calendar (drag, or the arrow keys): the
 * booking keeps every other block, room, person and item; only that block's span changes. The
 * write is the ordinary booking change (`updateBooking`), so everything is re-checked there.
 *
 * A move to another day names the day and the wall-clock time instead of instants (`date`, `time`,
 * `minutes`): the server resolves the start in the studio's zone, so a session at 10:00 is at 10:00
 * on the new day even when a DST change lies between (elapsed time would land an hour off).
 *
 * ```ts
 * const moved = await moveBlock(db, booking, { blockId, start, end, version }, acting, { timeZone });
 * await moveBlock(db, booking, { blockId, date: "2026-03-29", time: "10:00", minutes: 120, version }, …);
 * moved.block; // the block at its new time (a new id: a change rewrites the booking's blocks)
 * ```
 */
import { inArray } from "drizzle-orm";
import { z } from "zod";
import { bookings } from "../../db/schema/mod.ts";
import type { ActingAs } from "../audit/audit.ts";
import { ConflictError, ValidationError } from "../errors.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { parseInput } from "../validation.ts";
import { bookingBlockSchema } from "./booking_input.ts";
import { zonedInstant } from "./local_time.ts";
import type { BookingDetail, Reader } from "./booking_reads.ts";
import { type BookingWriteOptions, updateBooking } from "./bookings.ts";

const blockId = z.string().trim().min(1, "Say which block to move.").max(64);
const version = z.coerce.number({ error: "Reload the calendar and try again." }).int().min(1);

/** What the calendar sends: which block, its new span as instants, and the booking version it saw. */
export const blockMoveSchema = z.object({
  blockId,
  start: bookingBlockSchema.shape.start,
  end: bookingBlockSchema.shape.end,
  version,
}).refine((b) => b.end.getTime() > b.start.getTime(), {
  message: "The end must be after the start.",
  path: ["end"],
});

/**
 * A move to another day: the local date and wall-clock start ("HH:MM") in the studio's zone, and
 * the length in minutes. A wall time skipped by DST moves forward, as everywhere (zonedInstant).
 */
export const wallClockMoveSchema = z.object({
  blockId,
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Give the day as YYYY-MM-DD."),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Give the time as HH:MM."),
  minutes: z.coerce.number({ error: "Give the length in minutes." }).int().min(1).max(60 * 24 * 14),
  version,
});

export type BlockMove = z.output<typeof blockMoveSchema>;
export type BlockMoveInput =
  | z.input<typeof blockMoveSchema>
  | z.input<typeof wallClockMoveSchema>;

/**
 * The move as instants: `start`/`end` as sent, or `date` + `time` resolved in `timeZone` with the
 * end `minutes` later (real elapsed minutes: a 2-hour session stays 2 hours across a DST night).
 */
export function resolveBlockMove(input: BlockMoveInput, timeZone: string): BlockMove {
  if (!("date" in input) || input.date === undefined) return parseInput(blockMoveSchema, input);
  const wall = parseInput(wallClockMoveSchema, input);
  const start = zonedInstant(wall.date, wall.time, timeZone);
  if (!start) throw new ValidationError({ date: "This day does not exist." });
  return {
    blockId: wall.blockId,
    start,
    end: new Date(start.getTime() + wall.minutes * 60_000),
    version: wall.version,
  };
}

export interface TimeBlock {
  id: string;
  start: Date;
  end: Date;
}

/** The message a stale calendar gets: the same as for a stale edit form (bookings.ts lockBooking). */
export const STALE_SESSION = "Someone changed this session since you opened it. Reload to see their change.";

/**
 * The booking's blocks with block `blockId` spanning `span` instead, in start order. A block that is
 * no longer part of the booking (the page is older than a change) is a ValidationError on `blockId`.
 */
export function withBlockMoved(
  blocks: readonly TimeBlock[],
  blockId: string,
  span: { start: Date; end: Date },
): { start: Date; end: Date }[] {
  if (!blocks.some((b) => b.id === blockId)) {
    throw new ValidationError({
      blockId: "This block is no longer part of the session. Reload the calendar.",
    });
  }
  return blocks
    .map((b) => b.id === blockId ? { start: span.start, end: span.end } : { start: b.start, end: b.end })
    .sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** The block of `blocks` that spans exactly `span` (block ids change when a booking is rewritten). */
export function blockAt(
  blocks: readonly TimeBlock[],
  span: { start: Date; end: Date },
): TimeBlock | undefined {
  return blocks.find((b) =>
    b.start.getTime() === span.start.getTime() && b.end.getTime() === span.end.getTime()
  );
}

/**
 * Gives one block of `booking` (as the caller read it) a new span and saves the change through
 * `updateBooking`: room, engineers, gear, buffers, closures and opening hours are re-checked in
 * its transaction, which also writes the audit row. A calendar older than the booking's last
 * change (`version`) is refused with a 409 before anything is looked up by block id.
 */
export async function moveBlock(
  db: TenantDb,
  booking: BookingDetail,
  input: BlockMoveInput,
  acting: ActingAs,
  options: BookingWriteOptions,
): Promise<{ booking: BookingDetail; block: TimeBlock }> {
  const move = resolveBlockMove(input, options.timeZone);
  if (move.version !== booking.version) throw new ConflictError(STALE_SESSION);
  const blocks = withBlockMoved(booking.blocks, move.blockId, move);
  const updated = await updateBooking(db, booking.id, { version: move.version, blocks }, acting, options);
  return { booking: updated, block: blockAt(updated.blocks, move)! };
}

/** The current version of each booking, for a calendar that lets staff move their blocks. */
export async function bookingVersions(db: Reader, ids: readonly string[]): Promise<Record<string, number>> {
  if (ids.length === 0) return {};
  const rows = await db.select({ id: bookings.id, version: bookings.version }).from(bookings)
    .where(inArray(bookings.id, [...new Set(ids)]));
  return Object.fromEntries(rows.map((r) => [r.id, r.version]));
}

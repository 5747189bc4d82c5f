import { and, asc, eq, inArray, lte, ne, sql } from "drizzle-orm";
import {
  bookingBlocks,
  bookings,
  type BookingStatus,
  clients,
  engineerReservations,
  gearReservations,
  portalBookings,
  type PortalBookingState,
} from "../../db/schema/mod.ts";
import { recordAudit } from "../audit/audit.ts";
import { ValidationError } from "../errors.ts";
import { newId } from "../kv/ids.ts";
import { DEADLOCK_DETECTED, EXCLUSION_VIOLATION, pgError } from "../tenancy/pg_error.ts";
import { pipelined } from "../tenancy/pipelined.ts";
import { ReusableInsert } from "../tenancy/reusable_insert.ts";
import { ReusableSelect } from "../tenancy/reusable_select.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { conflictError, findConflicts, type Span } from "./booking_conflicts.ts";
import { type BookingResources, loadBookingResources } from "./booking_resources.ts";

/** An open transaction on a studio's database. */
export type Tx = Parameters<Parameters<TenantDb["transaction"]>[0]>[0];

/** What a booking is made of, whether new, current or changed. */
export interface BookingPlan {
  title: string;
  roomId: string;
  clientId: string | null;
  notes: string | null;
  blocks: { start: Date; end: Date }[];
  engineerIds: string[];
  gear: { gearId: string; quantity: number }[];
}

/** Options every booking write takes: the studio's zone (for messages) and the clock. */
export interface BookingWriteOptions {
  timeZone: string;
  now?: Date;
}

/** The session times plus the room's buffers: the range nothing else may use. */
export function bufferedSpans(blocks: { start: Date; end: Date }[], room: BookingResources["room"]): Span[] {
  return blocks.map((b) => ({
    from: new Date(b.start.getTime() - room.setupMinutes * 60_000),
    until: new Date(b.end.getTime() + room.teardownMinutes * 60_000),
  }));
}

/** A booking's own blocks may not overlap one another, buffers included. */
export function assertBlocksApart(spans: Span[]): void {
  const order = spans.map((s, i) => ({ ...s, i })).sort((a, b) => a.from.getTime() - b.from.getTime());
  for (let k = 1; k < order.length; k++) {
    if (order[k].from < order[k - 1].until) {
      throw new ValidationError({
        [`blocks.${order[k].i}.start`]:
          "This block overlaps another block of the session (buffers included).",
      });
    }
  }
}

/**
 * Holds whose time ran out stop blocking: every booking write starts by marking them expired, in
 * its own transaction, so the exclusion constraints never count a lapsed hold.
 */
export async function releaseExpiredHolds(tx: Tx, now: Date): Promise<string[]> {
  const expired = await tx.update(bookings)
    .set({ status: "expired", updatedAt: now, version: sql`${bookings.version} + 1` })
    .where(and(eq(bookings.status, "hold"), lte(bookings.holdExpiresAt, now)))
    .returning({ id: bookings.id });
  for (const { id } of expired) {
    await recordAudit(tx, {
      actor: { type: "system" },
      action: "booking.hold_expired",
      entity: { type: "booking", id },
      changes: { status: { before: "hold", after: "expired" } },
    });
  }
  await followPortalBookings(tx, expired.map((e) => e.id), "expired", now);
  return expired.map((e) => e.id);
}

/** The portal state a booking status means for the client; other statuses leave it as it is. */
const PORTAL_STATE: Partial<Record<BookingStatus, PortalBookingState>> = {
  confirmed: "confirmed",
  cancelled: "cancelled",
  expired: "expired",
};

/**
 * Keeps the portal side of bookings made online (`portal_bookings.state`) in step with their status,
 * in the transaction that changes it: every status change goes through here (applyTransition and
 * releaseExpiredHolds), so a session confirmed, cancelled or lapsed on the staff side reads the
 * same in the client's portal and leaves the approval queue. Bookings not made online have no row.
 */
export async function followPortalBookings(
  tx: Tx,
  bookingIds: readonly string[],
  status: BookingStatus,
  now: Date,
): Promise<void> {
  const state = PORTAL_STATE[status];
  if (!state || bookingIds.length === 0) return;
  await tx.update(portalBookings).set({ state, updatedAt: now }).where(
    and(inArray(portalBookings.bookingId, [...bookingIds]), ne(portalBookings.state, state)),
  );
}

const insertBlockRows = new ReusableInsert(bookingBlocks, [
  "id",
  "bookingId",
  "roomId",
  "startsAt",
  "endsAt",
  "blockedFrom",
  "blockedUntil",
]);
const insertEngineerRows = new ReusableInsert(engineerReservations, [
  "blockId",
  "engineerId",
  "bookingId",
  "blockedFrom",
  "blockedUntil",
]);
const insertGearRows = new ReusableInsert(gearReservations, [
  "blockId",
  "gearId",
  "bookingId",
  "quantity",
  "blockedFrom",
  "blockedUntil",
]);

/** Writes a booking's blocks and its engineers' and gear's reservations for each. */
export async function insertTimes(
  tx: Tx,
  bookingId: string,
  resources: BookingResources,
  blocks: { start: Date; end: Date }[],
  spans: Span[],
): Promise<{ id: string; start: Date; end: Date }[]> {
  const blockRows = blocks.map((b, i) => ({
    id: newId("blk"),
    bookingId,
    roomId: resources.room.id,
    startsAt: b.start,
    endsAt: b.end,
    blockedFrom: spans[i].from,
    blockedUntil: spans[i].until,
  }));
  const engineerRows = blockRows.flatMap((b) =>
    resources.engineers.map((e) => ({
      blockId: b.id,
      engineerId: e.id,
      bookingId,
      blockedFrom: b.blockedFrom,
      blockedUntil: b.blockedUntil,
    }))
  );
  const gearRows = blockRows.flatMap((b) =>
    resources.gear.map((g) => ({
      blockId: b.id,
      gearId: g.item.id,
      bookingId,
      quantity: g.quantity,
      blockedFrom: b.blockedFrom,
      blockedUntil: b.blockedUntil,
    }))
  );
  // Sent together: a transaction's statements run in the order sent, blocks before what refers to them.
  await pipelined([
    insertBlockRows.run(tx, blockRows),
    insertEngineerRows.run(tx, engineerRows),
    insertGearRows.run(tx, gearRows),
  ]);
  return blockRows.map((b) => ({ id: b.id, start: b.startsAt, end: b.endsAt }));
}

/**
 * Runs a booking write; when the database refuses it for overlap (a concurrent booking committed
 * first — the exclusion constraints and the gear trigger are the last line), answers with the
 * same 409 the pre-check gives, naming what is now in the way. Two bookings inserting overlapping
 * rows at the same instant can each wait for the other's exclusion check, and PostgreSQL then
 * aborts one as a deadlock: that one is run again, and its new check finds the other.
 */
export async function refusingOverlaps<T>(
  db: TenantDb,
  write: () => Promise<T>,
  describe: () => Promise<{ resources: BookingResources; spans: Span[]; excludeBookingId?: string }>,
  options: BookingWriteOptions,
): Promise<T> {
  for (let attempt = 1;; attempt++) {
    try {
      return await write();
    } catch (err) {
      const code = pgError(err)?.code;
      if (code === DEADLOCK_DETECTED && attempt < 3) continue;
      if (code !== EXCLUSION_VIOLATION) throw err;
      const { resources, spans, excludeBookingId } = await describe();
      const now = options.now ?? new Date();
      const conflicts = await findConflicts(db, resources, spans, { excludeBookingId, now });
      throw conflictError(conflicts, options.timeZone);
    }
  }
}

const clientById = new ReusableSelect((qb) =>
  qb.select({ id: clients.id, name: clients.name }).from(clients).where(eq(clients.id, sql.placeholder("id")))
);

export async function assertClient(
  tx: Pick<TenantDb, "_">,
  clientId: string,
): Promise<{ id: string; name: string }> {
  const [client] = await clientById.run(tx, { id: clientId });
  if (!client) throw new ValidationError({ clientId: "Choose a client of the studio." });
  return client;
}

/** The fields of a booking as the audit log shows them: plain, comparable values. */
export function auditView(b: BookingPlan): Record<string, unknown> {
  return {
    title: b.title,
    roomId: b.roomId,
    clientId: b.clientId,
    notes: b.notes,
    blocks: b.blocks.map((x) => `${x.start.toISOString()}/${x.end.toISOString()}`),
    engineerIds: [...b.engineerIds].sort(),
    gear: b.gear.map((g) => `${g.gearId}×${g.quantity}`).sort(),
  };
}

/** A stored booking as a plan, to merge a change into. */
export async function currentPlan(tx: Tx, row: typeof bookings.$inferSelect): Promise<BookingPlan> {
  const [blocks, engineerRows, gearRows] = await Promise.all([
    tx.select({ start: bookingBlocks.startsAt, end: bookingBlocks.endsAt }).from(bookingBlocks)
      .where(eq(bookingBlocks.bookingId, row.id)).orderBy(asc(bookingBlocks.startsAt)),
    tx.selectDistinct({ engineerId: engineerReservations.engineerId }).from(engineerReservations)
      .where(eq(engineerReservations.bookingId, row.id)),
    tx.selectDistinct({ gearId: gearReservations.gearId, quantity: gearReservations.quantity })
      .from(gearReservations).where(eq(gearReservations.bookingId, row.id)),
  ]);
  return {
    title: row.title,
    roomId: row.roomId,
    clientId: row.clientId,
    notes: row.notes,
    blocks,
    engineerIds: engineerRows.map((e) => e.engineerId),
    gear: gearRows,
  };
}

/** Loads and checks what a plan names and works out the ranges it needs, buffers included. */
export async function preparePlan(
  reader: Pick<TenantDb, "_">,
  plan: BookingPlan,
): Promise<{ resources: BookingResources; spans: Span[] }> {
  const resources = await loadBookingResources(reader, plan);
  const spans = bufferedSpans(plan.blocks, resources.room);
  assertBlocksApart(spans);
  return { resources, spans };
}

/**
 * Replaces a booking's room, times and reservations with `plan`'s and bumps its version; the
 * caller has checked conflicts in the same transaction.
 */
export async function rewriteBooking(
  tx: Tx,
  row: typeof bookings.$inferSelect,
  plan: BookingPlan,
  prepared: { resources: BookingResources; spans: Span[] },
  now: Date,
): Promise<void> {
  await tx.delete(bookingBlocks).where(eq(bookingBlocks.bookingId, row.id));
  await insertTimes(tx, row.id, prepared.resources, plan.blocks, prepared.spans);
  await tx.update(bookings).set({
    title: plan.title,
    roomId: plan.roomId,
    clientId: plan.clientId,
    notes: plan.notes,
    version: row.version + 1,
    updatedAt: now,
  }).where(eq(bookings.id, row.id));
}

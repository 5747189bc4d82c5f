import { eq } from "drizzle-orm";
import { bookings, type BookingStatus } from "../../db/schema/mod.ts";
import { type ActingAs, changedFields, recordAudit } from "../audit/audit.ts";
import { ConflictError, NotFoundError, ValidationError } from "../errors.ts";
import { newId } from "../kv/ids.ts";
import { pipelined } from "../tenancy/pipelined.ts";
import { ReusableInsert } from "../tenancy/reusable_insert.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { parseInput } from "../validation.ts";
import { conflictError, findConflicts } from "./booking_conflicts.ts";
import {
  type BookingChangeInput,
  bookingChangeSchema,
  type BookingDraft,
  type BookingDraftInput,
  bookingDraftSchema,
} from "./booking_input.ts";
import { type BookingDetail, bookingDetail, getBooking } from "./booking_reads.ts";
import { type BookingResources, loadBookingResources } from "./booking_resources.ts";
import {
  assertClient,
  auditView,
  type BookingPlan,
  type BookingWriteOptions,
  bufferedSpans,
  currentPlan,
  followPortalBookings,
  insertTimes,
  preparePlan,
  refusingOverlaps,
  releaseExpiredHolds,
  rewriteBooking,
  type Tx,
} from "./booking_rows.ts";

export type { BookingWriteOptions };

/**
 * Books a session: checks the room, engineers and gear for every block (buffers, closures, time
 * off, gear units) and writes the booking, its blocks and reservations and an audit row in one
 * transaction. A conflict is a ConflictError (409) naming each resource, booking and time.
 */
export async function createBooking(
  db: TenantDb,
  input: BookingDraftInput,
  acting: ActingAs,
  options: BookingWriteOptions,
): Promise<BookingDetail> {
  const draft = parseInput(bookingDraftSchema, input);
  const now = options.now ?? new Date();
  const id = newId("bkg");
  return await refusingOverlaps(
    db,
    () =>
      db.transaction(async (tx) => {
        // One round trip: the transaction runs them in this order.
        const [, prepared, client] = await pipelined([
          releaseExpiredHolds(tx, now),
          preparePlan(tx, draft),
          draft.clientId ? assertClient(tx, draft.clientId) : null,
        ]);
        const conflicts = await findConflicts(tx, prepared.resources, prepared.spans, { now });
        if (conflicts.length) throw conflictError(conflicts, options.timeZone);
        return writtenDetail(
          await insertBooking(tx, id, draft, prepared, acting, now),
          prepared.resources,
          client,
        );
      }),
    () => preparePlan(db, draft),
    options,
  );
}

/** A booking as just written, from what was written rather than read from the database again. */
function writtenDetail(
  written: Awaited<ReturnType<typeof insertBooking>>,
  resources: BookingResources,
  client: { id: string; name: string } | null,
): BookingDetail {
  return bookingDetail(written.booking, {
    room: resources.room,
    client,
    blocks: written.blocks,
    engineers: resources.engineers,
    gear: resources.gear.map(({ item, quantity }) => ({ id: item.id, name: item.name, quantity })),
  });
}

const insertBookingRow = new ReusableInsert(bookings, [
  "id",
  "clientId",
  "roomId",
  "title",
  "status",
  "holdExpiresAt",
  "source",
  "notes",
  "seriesId",
  "seriesIndex",
  "createdBy",
  "createdAt",
  "updatedAt",
], { returning: true });

/** Writes a checked booking and its audit row; series occurrences pass their place in the series. */
export async function insertBooking(
  tx: Tx,
  id: string,
  draft: BookingDraft,
  prepared: Awaited<ReturnType<typeof preparePlan>>,
  acting: ActingAs,
  now: Date,
  series?: { id: string; index: number },
) {
  // The booking, its times and its audit row in one round trip. A transaction runs its statements
  // in the order they are sent, so the booking's insert is sent before its times refer to it.
  const inserted = insertBookingRow.run(tx, [{
    id,
    clientId: draft.clientId,
    roomId: prepared.resources.room.id,
    title: draft.title,
    status: draft.status,
    holdExpiresAt: draft.status === "hold" ? new Date(now.getTime() + draft.holdMinutes * 60_000) : null,
    source: draft.source,
    notes: draft.notes,
    seriesId: series?.id ?? null,
    seriesIndex: series?.index ?? null,
    createdBy: acting.actor.id ?? null,
    createdAt: now,
    updatedAt: now,
  }]);
  const [[booking], blocks] = await pipelined([
    inserted,
    insertTimes(tx, id, prepared.resources, draft.blocks, prepared.spans),
    recordAudit(tx, {
      ...acting,
      action: "booking.created",
      entity: { type: "booking", id },
      changes: changedFields(null, { ...auditView(draft), status: draft.status }),
    }),
  ]);
  return { booking, blocks };
}

/** Statuses in which a booking's time, room and people can still change. */
export const EDITABLE: readonly BookingStatus[] = ["hold", "confirmed", "in_progress"];

/** Locks a booking for a change, refusing unknown ids and edits from a stale page. */
export async function lockBooking(tx: Tx, id: string, version?: number) {
  const [row] = await tx.select().from(bookings).where(eq(bookings.id, id)).for("update");
  if (!row) throw new NotFoundError("No such session.");
  if (version !== undefined && row.version !== version) {
    throw new ConflictError("Someone changed this session since you opened it. Reload to see their change.");
  }
  return row;
}

/**
 * Changes a booking: its times (move, resize, add or drop blocks), room, engineers, gear, client,
 * title or notes. Everything is re-checked as for a new booking; an edit made from a page that
 * was opened before someone else's change (`version`) is refused rather than overwriting it.
 */
export async function updateBooking(
  db: TenantDb,
  id: string,
  input: BookingChangeInput,
  acting: ActingAs,
  options: BookingWriteOptions,
): Promise<BookingDetail> {
  const change = parseInput(bookingChangeSchema, input);
  const now = options.now ?? new Date();
  let plan: BookingPlan | undefined;
  await refusingOverlaps(
    db,
    () =>
      db.transaction(async (tx) => {
        await releaseExpiredHolds(tx, now);
        const row = await lockBooking(tx, id, change.version);
        if (!EDITABLE.includes(row.status)) {
          throw new ValidationError({
            form: `A ${row.status.replace("_", " ")} session can no longer be changed.`,
          });
        }
        const current = await currentPlan(tx, row);
        plan = {
          title: change.title ?? current.title,
          roomId: change.roomId ?? current.roomId,
          clientId: change.clientId === undefined ? current.clientId : change.clientId,
          notes: change.notes === undefined ? current.notes : change.notes,
          blocks: change.blocks ?? current.blocks,
          engineerIds: change.engineerIds ?? current.engineerIds,
          gear: change.gear ?? current.gear,
        };
        const prepared = await preparePlan(tx, plan);
        if (plan.clientId && plan.clientId !== current.clientId) await assertClient(tx, plan.clientId);
        const conflicts = await findConflicts(tx, prepared.resources, prepared.spans, {
          excludeBookingId: id,
          now,
        });
        if (conflicts.length) throw conflictError(conflicts, options.timeZone);
        await rewriteBooking(tx, row, plan, prepared, now);
        await recordAudit(tx, {
          ...acting,
          action: "booking.updated",
          entity: { type: "booking", id },
          changes: changedFields(auditView(current), auditView(plan)),
        });
      }),
    async () => ({ ...await preparePlan(db, plan!), excludeBookingId: id }),
    options,
  );
  return (await getBooking(db, id))!;
}

export type BookingAction = "confirm" | "start" | "complete" | "cancel" | "no_show";

/** Which statuses each action applies to, the status it leads to, and its audit action. */
export const TRANSITIONS: Record<
  BookingAction,
  { from: readonly BookingStatus[]; to: BookingStatus; audit: string; verb: string }
> = {
  confirm: { from: ["hold", "expired"], to: "confirmed", audit: "booking.confirmed", verb: "confirmed" },
  start: { from: ["confirmed"], to: "in_progress", audit: "booking.started", verb: "started" },
  complete: {
    from: ["confirmed", "in_progress"],
    to: "completed",
    audit: "booking.completed",
    verb: "completed",
  },
  cancel: {
    from: ["hold", "confirmed", "in_progress"],
    to: "cancelled",
    audit: "booking.cancelled",
    verb: "cancelled",
  },
  no_show: { from: ["confirmed"], to: "no_show", audit: "booking.no_show", verb: "marked as a no-show" },
};

/**
 * Moves a booking along its life: hold → confirmed → in progress → completed, or cancelled / no
 * show. Confirming a hold (even a lapsed one) re-checks its time in the same transaction: the
 * status trigger makes its rows block again and the constraints refuse an overlap.
 */
export async function transitionBooking(
  db: TenantDb,
  id: string,
  action: BookingAction,
  acting: ActingAs,
  options: BookingWriteOptions & { reason?: string; version?: number },
): Promise<BookingDetail> {
  const now = options.now ?? new Date();
  const describe = async () => {
    const detail = (await getBooking(db, id))!;
    const resources = await loadBookingResources(db, {
      roomId: detail.room.id,
      engineerIds: detail.engineers.map((e) => e.id),
      gear: detail.gear.map((g) => ({ gearId: g.id, quantity: g.quantity })),
    });
    return { resources, spans: bufferedSpans(detail.blocks, resources.room), excludeBookingId: id };
  };
  await refusingOverlaps(
    db,
    () =>
      db.transaction(async (tx) => {
        await releaseExpiredHolds(tx, now);
        const row = await lockBooking(tx, id, options.version);
        await applyTransition(tx, row, action, acting, now, options.reason);
      }),
    describe,
    options,
  );
  return (await getBooking(db, id))!;
}

/** Changes a locked booking's status and audits it; refuses an action its status does not allow. */
export async function applyTransition(
  tx: Tx,
  row: typeof bookings.$inferSelect,
  action: BookingAction,
  acting: ActingAs,
  now: Date,
  reason?: string,
): Promise<void> {
  const { from, to, audit, verb } = TRANSITIONS[action];
  if (!from.includes(row.status)) {
    throw new ConflictError(`A ${row.status.replace("_", " ")} session cannot be ${verb}.`);
  }
  await tx.update(bookings).set({
    status: to,
    holdExpiresAt: to === "confirmed" ? null : row.holdExpiresAt,
    version: row.version + 1,
    updatedAt: now,
    ...(to === "cancelled" ? { cancelledAt: now, cancelReason: reason ?? null } : {}),
  }).where(eq(bookings.id, row.id));
  await followPortalBookings(tx, [row.id], to, now);
  await recordAudit(tx, {
    ...acting,
    action: audit,
    entity: { type: "booking", id: row.id },
    changes: { status: { before: row.status, after: to }, ...(reason ? { reason: { after: reason } } : {}) },
  });
}

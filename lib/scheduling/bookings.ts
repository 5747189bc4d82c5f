import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
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
import { type ActingAs, changedFields, recordAudit } from "../audit/audit.ts";
import { ConflictError, NotFoundError, ValidationError } from "../errors.ts";
import { newId } from "../kv/ids.ts";
import { EXCLUSION_VIOLATION, pgError } from "../tenancy/pg_error.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { parseInput } from "../validation.ts";
import { conflictError, findConflicts, type Span } from "./booking_conflicts.ts";
import {
  type BookingChangeInput,
  bookingChangeSchema,
  type BookingDraftInput,
  bookingDraftSchema,
} from "./booking_input.ts";
import { type BookingResources, loadBookingResources } from "./booking_resources.ts";

type Tx = Parameters<Parameters<TenantDb["transaction"]>[0]>[0];
/** A database or an open transaction, for reads. */
type Reader = Pick<TenantDb, "select" | "selectDistinct">;

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
function assertBlocksApart(spans: Span[]): void {
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
  return expired.map((e) => e.id);
}

async function insertTimes(
  tx: Tx,
  bookingId: string,
  resources: BookingResources,
  blocks: { start: Date; end: Date }[],
  spans: Span[],
): Promise<void> {
  const blockRows = blocks.map((b, i) => ({
    id: newId("blk"),
    bookingId,
    roomId: resources.room.id,
    startsAt: b.start,
    endsAt: b.end,
    blockedFrom: spans[i].from,
    blockedUntil: spans[i].until,
  }));
  await tx.insert(bookingBlocks).values(blockRows);
  const engineerRows = blockRows.flatMap((b) =>
    resources.engineers.map((e) => ({
      blockId: b.id,
      engineerId: e.id,
      bookingId,
      blockedFrom: b.blockedFrom,
      blockedUntil: b.blockedUntil,
    }))
  );
  if (engineerRows.length) await tx.insert(engineerReservations).values(engineerRows);
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
  if (gearRows.length) await tx.insert(gearReservations).values(gearRows);
}

/**
 * Runs a booking write; when the database refuses it for overlap (a concurrent booking committed
 * first — the exclusion constraints and the gear trigger are the last line), answers with the
 * same 409 the pre-check gives, naming what is now in the way.
 */
async function refusingOverlaps<T>(
  db: TenantDb,
  write: () => Promise<T>,
  describe: () => Promise<{ resources: BookingResources; spans: Span[]; excludeBookingId?: string }>,
  options: BookingWriteOptions,
): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (pgError(err)?.code !== EXCLUSION_VIOLATION) throw err;
    const { resources, spans, excludeBookingId } = await describe();
    const now = options.now ?? new Date();
    const conflicts = await findConflicts(db, resources, spans, { excludeBookingId, now });
    throw conflictError(conflicts, options.timeZone);
  }
}

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
  const prepare = async (reader: Pick<TenantDb, "select">) => {
    const resources = await loadBookingResources(reader, draft);
    return { resources, spans: bufferedSpans(draft.blocks, resources.room) };
  };
  await refusingOverlaps(
    db,
    () =>
      db.transaction(async (tx) => {
        await releaseExpiredHolds(tx, now);
        const { resources, spans } = await prepare(tx);
        assertBlocksApart(spans);
        if (draft.clientId) await assertClient(tx, draft.clientId);
        const conflicts = await findConflicts(tx, resources, spans, { now });
        if (conflicts.length) throw conflictError(conflicts, options.timeZone);
        await tx.insert(bookings).values({
          id,
          clientId: draft.clientId,
          roomId: resources.room.id,
          title: draft.title,
          status: draft.status,
          holdExpiresAt: draft.status === "hold"
            ? new Date(now.getTime() + draft.holdMinutes * 60_000)
            : null,
          source: draft.source,
          notes: draft.notes,
          createdBy: acting.actor.id ?? null,
          createdAt: now,
          updatedAt: now,
        });
        await insertTimes(tx, id, resources, draft.blocks, spans);
        await recordAudit(tx, {
          ...acting,
          action: "booking.created",
          entity: { type: "booking", id },
          changes: changedFields(null, auditView({ ...draft, roomId: resources.room.id })),
        });
      }),
    () => prepare(db),
    options,
  );
  return (await getBooking(db, id))!;
}

async function assertClient(tx: Pick<TenantDb, "select">, clientId: string): Promise<void> {
  const [client] = await tx.select({ id: clients.id }).from(clients).where(eq(clients.id, clientId));
  if (!client) throw new ValidationError({ clientId: "Choose a client of the studio." });
}

/** The fields of a booking as the audit log shows them: plain, comparable values. */
function auditView(b: {
  title: string;
  roomId: string;
  clientId: string | null;
  status?: string;
  notes: string | null;
  blocks: { start: Date; end: Date }[];
  engineerIds: string[];
  gear: { gearId: string; quantity: number }[];
}): Record<string, unknown> {
  return {
    title: b.title,
    roomId: b.roomId,
    clientId: b.clientId,
    ...(b.status ? { status: b.status } : {}),
    notes: b.notes,
    blocks: b.blocks.map((x) => `${x.start.toISOString()}/${x.end.toISOString()}`),
    engineerIds: [...b.engineerIds].sort(),
    gear: b.gear.map((g) => `${g.gearId}×${g.quantity}`).sort(),
  };
}

const EDITABLE: readonly BookingStatus[] = ["hold", "confirmed", "in_progress"];

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
  let merged: Parameters<typeof auditView>[0] | undefined;
  const prepare = async (reader: Pick<TenantDb, "select">) => {
    const resources = await loadBookingResources(reader, merged!);
    return { resources, spans: bufferedSpans(merged!.blocks, resources.room), excludeBookingId: id };
  };
  await refusingOverlaps(
    db,
    () =>
      db.transaction(async (tx) => {
        await releaseExpiredHolds(tx, now);
        const [row] = await tx.select().from(bookings).where(eq(bookings.id, id)).for("update");
        if (!row) throw new NotFoundError("No such session.");
        if (row.version !== change.version) {
          throw new ConflictError(
            "Someone changed this session since you opened it. Reload to see their change.",
          );
        }
        if (!EDITABLE.includes(row.status)) {
          throw new ValidationError({
            form: `A ${row.status.replace("_", " ")} session can no longer be changed.`,
          });
        }
        const current = await currentView(tx, row);
        merged = {
          title: change.title ?? current.title,
          roomId: change.roomId ?? current.roomId,
          clientId: change.clientId === undefined ? current.clientId : change.clientId,
          notes: change.notes === undefined ? current.notes : change.notes,
          blocks: change.blocks ?? current.blocks,
          engineerIds: change.engineerIds ?? current.engineerIds,
          gear: change.gear ?? current.gear,
        };
        const { resources, spans } = await prepare(tx);
        assertBlocksApart(spans);
        if (merged.clientId && merged.clientId !== current.clientId) await assertClient(tx, merged.clientId);
        const conflicts = await findConflicts(tx, resources, spans, { excludeBookingId: id, now });
        if (conflicts.length) throw conflictError(conflicts, options.timeZone);
        await tx.delete(bookingBlocks).where(eq(bookingBlocks.bookingId, id));
        await insertTimes(tx, id, resources, merged.blocks, spans);
        await tx.update(bookings).set({
          title: merged.title,
          roomId: merged.roomId,
          clientId: merged.clientId,
          notes: merged.notes,
          version: row.version + 1,
          updatedAt: now,
        }).where(eq(bookings.id, id));
        await recordAudit(tx, {
          ...acting,
          action: "booking.updated",
          entity: { type: "booking", id },
          changes: changedFields(auditView(current), auditView(merged)),
        });
      }),
    () => prepare(db),
    options,
  );
  return (await getBooking(db, id))!;
}

async function currentView(tx: Tx, row: typeof bookings.$inferSelect) {
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

export type BookingAction = "confirm" | "start" | "complete" | "cancel" | "no_show";

/** Which statuses each action applies to, and the status it leads to. */
export const TRANSITIONS: Record<BookingAction, { from: readonly BookingStatus[]; to: BookingStatus }> = {
  confirm: { from: ["hold", "expired"], to: "confirmed" },
  start: { from: ["confirmed"], to: "in_progress" },
  complete: { from: ["confirmed", "in_progress"], to: "completed" },
  cancel: { from: ["hold", "confirmed", "in_progress"], to: "cancelled" },
  no_show: { from: ["confirmed"], to: "no_show" },
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
  const { from, to } = TRANSITIONS[action];
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
        const [row] = await tx.select().from(bookings).where(eq(bookings.id, id)).for("update");
        if (!row) throw new NotFoundError("No such session.");
        if (options.version !== undefined && row.version !== options.version) {
          throw new ConflictError(
            "Someone changed this session since you opened it. Reload to see their change.",
          );
        }
        if (!from.includes(row.status)) {
          throw new ConflictError(
            `A ${row.status.replace("_", " ")} session cannot be ${pastTense[action]}.`,
          );
        }
        await tx.update(bookings).set({
          status: to,
          holdExpiresAt: to === "confirmed" ? null : row.holdExpiresAt,
          version: row.version + 1,
          updatedAt: now,
          ...(to === "cancelled" ? { cancelledAt: now, cancelReason: options.reason ?? null } : {}),
        }).where(eq(bookings.id, id));
        await recordAudit(tx, {
          ...acting,
          action: `booking.${action === "no_show" ? "no_show" : pastTense[action]}`,
          entity: { type: "booking", id },
          changes: {
            status: { before: row.status, after: to },
            ...(options.reason ? { reason: { after: options.reason } } : {}),
          },
        });
      }),
    describe,
    options,
  );
  return (await getBooking(db, id))!;
}

const pastTense: Record<BookingAction, string> = {
  confirm: "confirmed",
  start: "started",
  complete: "completed",
  cancel: "cancelled",
  no_show: "marked as no show",
};

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
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const b = r.booking;
    return [{
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
      room: r.room,
      client: b.clientId && r.clientName !== null ? { id: b.clientId, name: r.clientName } : null,
      blocks: (blocksOf.get(id) ?? []).map(({ id, start, end }) => ({ id, start, end })),
      engineers: (engineersOf.get(id) ?? []).map(({ id, name }) => ({ id, name })).sort(byName),
      gear: (gearOf.get(id) ?? []).map(({ id, name, quantity }) => ({ id, name, quantity })).sort(byName),
    }];
  });
}

import { and, asc, eq, gte, inArray } from "drizzle-orm";
import { bookingBlocks, bookings, bookingSeries } from "../../db/schema/mod.ts";
import { type ActingAs, changedFields, recordAudit } from "../audit/audit.ts";
import { ConflictError, NotFoundError } from "../errors.ts";
import { newId } from "../kv/ids.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { parseInput } from "../validation.ts";
import { type Conflict, conflictError, findConflicts } from "./booking_conflicts.ts";
import { type BookingDraftInput, bookingDraftSchema } from "./booking_input.ts";
import { type BookingDetail, bookingDetails } from "./booking_reads.ts";
import {
  assertClient,
  auditView,
  type BookingPlan,
  type BookingWriteOptions,
  currentPlan,
  preparePlan,
  refusingOverlaps,
  releaseExpiredHolds,
  rewriteBooking,
  type Tx,
} from "./booking_rows.ts";
import { applyTransition, EDITABLE, insertBooking } from "./bookings.ts";
import {
  type SeriesChangeInput,
  seriesChangeSchema,
  type SeriesRuleInput,
  seriesRuleSchema,
} from "./series_input.ts";
import { occurrences, shiftWallMinutes } from "./recurrence.ts";

/** A conflict of one occurrence of a series (0-based). */
export type SeriesConflict = Conflict & { occurrence: number };

/** One 409 for a whole series: how many occurrences conflict, each conflict tagged with its occurrence. */
function seriesConflictError(conflicts: SeriesConflict[], total: number, timeZone: string): ConflictError {
  const first = conflictError(conflicts, timeZone);
  const count = new Set(conflicts.map((c) => c.occurrence)).size;
  return new ConflictError(
    `${count} of ${total} sessions conflict; nothing was booked. First: ${first.message}`,
    conflicts as unknown as Record<string, unknown>[],
  );
}

/**
 * Books a recurring series: every occurrence is checked before anything is written, and the 409
 * lists the conflicts of each occurrence, so staff can move the few that clash and retry. The
 * first occurrence is `input.blocks`; the rule repeats it in the studio's local time.
 */
export async function createSeries(
  db: TenantDb,
  input: BookingDraftInput & { series: SeriesRuleInput },
  acting: ActingAs,
  options: BookingWriteOptions,
): Promise<{ seriesId: string; bookings: BookingDetail[] }> {
  const draft = parseInput(bookingDraftSchema, input);
  const rule = parseInput(seriesRuleSchema, input.series);
  const now = options.now ?? new Date();
  const plans = occurrences(draft.blocks, rule, options.timeZone).map((blocks) => ({ ...draft, blocks }));
  const seriesId = newId("ser");
  const ids = plans.map(() => newId("bkg"));
  await refusingOverlaps(
    db,
    () =>
      db.transaction(async (tx) => {
        await releaseExpiredHolds(tx, now);
        if (draft.clientId) await assertClient(tx, draft.clientId);
        const prepared = await Promise.all(plans.map((plan) => preparePlan(tx, plan)));
        const conflicts: SeriesConflict[] = [];
        for (const [occurrence, { resources, spans }] of prepared.entries()) {
          for (const c of await findConflicts(tx, resources, spans, { now })) {
            conflicts.push({ ...c, occurrence });
          }
        }
        if (conflicts.length) {
          throw seriesConflictError(conflicts, plans.length, options.timeZone);
        }
        await tx.insert(bookingSeries).values({ id: seriesId, rule, createdAt: now });
        for (const [index, plan] of plans.entries()) {
          await insertBooking(tx, ids[index], plan, prepared[index], acting, now, { id: seriesId, index });
        }
        await recordAudit(tx, {
          ...acting,
          action: "series.created",
          entity: { type: "series", id: seriesId },
          changes: { rule: { after: rule }, occurrences: { after: plans.length } },
        });
      }),
    // A concurrent booking took a slot between the check and the write: describe the first clash.
    async () => ({ ...await preparePlan(db, plans[0]) }),
    options,
  );
  return { seriesId, bookings: await bookingDetails(db, ids) };
}

/** The occurrences a series change applies to: one, this and following, or all. */
export type SeriesScope = "this" | "following" | "all";

async function occurrencesInScope(tx: Tx, bookingId: string, scope: SeriesScope) {
  const [anchor] = await tx.select().from(bookings).where(eq(bookings.id, bookingId));
  if (!anchor) throw new NotFoundError("No such session.");
  if (!anchor.seriesId || scope === "this") {
    return (await tx.select().from(bookings).where(eq(bookings.id, bookingId)).for("update"));
  }
  const fromIndex = scope === "all" ? 0 : anchor.seriesIndex!;
  return await tx.select().from(bookings)
    .where(and(
      eq(bookings.seriesId, anchor.seriesId),
      gte(bookings.seriesIndex, fromIndex),
      inArray(bookings.status, [...EDITABLE]),
    ))
    .orderBy(asc(bookings.seriesIndex)).for("update");
}

/**
 * Changes one occurrence, this and the following ones, or all of a series: moves them by wall-clock
 * minutes (a 10:00 session moved to 11:00 stays at 11:00 across DST), changes their length, room,
 * people, gear or title. All occurrences are re-checked first; one conflict refuses the whole change.
 * Occurrences already completed or cancelled are left as they are.
 */
export async function changeSeries(
  db: TenantDb,
  bookingId: string,
  scope: SeriesScope,
  input: SeriesChangeInput,
  acting: ActingAs,
  options: BookingWriteOptions,
): Promise<BookingDetail[]> {
  const change = parseInput(seriesChangeSchema, input);
  const now = options.now ?? new Date();
  let ids: string[] = [];
  let firstPlan: BookingPlan | undefined;
  await refusingOverlaps(
    db,
    () =>
      db.transaction(async (tx) => {
        await releaseExpiredHolds(tx, now);
        const rows = await occurrencesInScope(tx, bookingId, scope);
        ids = rows.map((r) => r.id);
        const work = [];
        const conflicts: SeriesConflict[] = [];
        for (const row of rows) {
          const current = await currentPlan(tx, row);
          const plan: BookingPlan = {
            ...current,
            title: change.title ?? current.title,
            roomId: change.roomId ?? current.roomId,
            engineerIds: change.engineerIds ?? current.engineerIds,
            gear: change.gear ?? current.gear,
            notes: change.notes === undefined ? current.notes : change.notes,
            blocks: current.blocks.map(({ start, end }) => {
              const movedStart = shiftWallMinutes(start, change.shiftMinutes ?? 0, options.timeZone);
              const length = change.durationMinutes !== undefined
                ? change.durationMinutes * 60_000
                : end.getTime() - start.getTime();
              return { start: movedStart, end: new Date(movedStart.getTime() + length) };
            }),
          };
          firstPlan ??= plan;
          const prepared = await preparePlan(tx, plan);
          const occurrence = row.seriesIndex ?? 0;
          const found = await findConflicts(tx, prepared.resources, prepared.spans, {
            excludeBookingId: row.id,
            now,
          });
          // Occurrences of this change move together; they do not block one another.
          for (const c of found) if (!ids.includes(c.bookingId ?? "")) conflicts.push({ ...c, occurrence });
          work.push({ row, current, plan, prepared });
        }
        if (conflicts.length) throw seriesConflictError(conflicts, rows.length, options.timeZone);
        // Free every old time first, so occurrences moving onto each other's old slots fit.
        await tx.delete(bookingBlocks).where(inArray(bookingBlocks.bookingId, ids));
        for (const { row, current, plan, prepared } of work) {
          await rewriteBooking(tx, row, plan, prepared, now);
          await recordAudit(tx, {
            ...acting,
            action: "booking.updated",
            entity: { type: "booking", id: row.id },
            changes: { ...changedFields(auditView(current), auditView(plan)), scope: { after: scope } },
          });
        }
      }),
    async () => ({ ...await preparePlan(db, firstPlan!), excludeBookingId: bookingId }),
    options,
  );
  return await bookingDetails(db, ids);
}

/** Cancels one occurrence, this and the following ones, or all of a series, in one transaction. */
export async function cancelSeries(
  db: TenantDb,
  bookingId: string,
  scope: SeriesScope,
  acting: ActingAs,
  options: BookingWriteOptions & { reason?: string },
): Promise<BookingDetail[]> {
  const now = options.now ?? new Date();
  const ids = await db.transaction(async (tx) => {
    await releaseExpiredHolds(tx, now);
    const rows = (await occurrencesInScope(tx, bookingId, scope)).filter((r) => r.status !== "in_progress");
    for (const row of rows) await applyTransition(tx, row, "cancel", acting, now, options.reason);
    return rows.map((r) => r.id);
  });
  return await bookingDetails(db, ids);
}

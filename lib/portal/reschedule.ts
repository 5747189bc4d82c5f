/**
 * A client moves their portal booking to another time (issue 7). The booking keeps its id — so its
 * deposit invoice, payments and terms stay attached — and its deposit moves with it as the policy it
 * was booked under allows (`rescheduleOutcome`: enough notice, moves left). When the deposit cannot
 * move, nothing is moved: the client is shown what cancelling costs and books again, so no money is
 * lost without them reading it first.
 *
 * ```ts
 * const preview = await previewReschedule(db, clientId, bookingId, now); // null: not movable online
 * if (preview?.result.keepsDeposit) await rescheduleOnline(db, clientId, bookingId, start, acting, now);
 * ```
 */
import { eq } from "drizzle-orm";
import { bookings, portalBookings, studioProfile } from "../../db/schema/mod.ts";
import { type ActingAs, recordAudit } from "../audit/audit.ts";
import { ClientInputError } from "../clients/client_input.ts";
import { ConflictError, NotFoundError } from "../errors.ts";
import { lockBooking } from "../scheduling/bookings.ts";
import { findConflicts } from "../scheduling/booking_conflicts.ts";
import {
  type BookingPlan,
  currentPlan,
  preparePlan,
  releaseExpiredHolds,
  rewriteBooking,
  type Tx,
} from "../scheduling/booking_rows.ts";
import type { BookingDetail } from "../scheduling/booking_reads.ts";
import { EXCLUSION_VIOLATION, pgError } from "../tenancy/pg_error.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { MAX_HOLD_MINUTES } from "./book.ts";
import { type CancellationPreview, previewCancellation } from "./cancel.ts";
import { type Offer, roomsFreeAt } from "./offer_slots.ts";
import { getOffer } from "./offers.ts";
import { rescheduleOutcome, type RescheduleResult } from "./policy.ts";
import { getPortalSettings } from "./portal_settings.ts";
import { type ClientBookingView, clientBookingView, type PortalBookingRow } from "./portal_booking.ts";

const MOVABLE = ["awaiting_payment", "awaiting_approval", "confirmed"];

/** Every client who loses a race gets this, whoever won it. */
export const TAKEN = "Someone booked this time a moment ago. Choose another time.";
const NOT_MOVABLE = "This session can no longer be moved online. Contact the studio.";

export type RefusalReason = Exclude<RescheduleResult["reason"], "ok">;

/** Why a move was refused although the session exists: its deposit would not move with it. */
export class RescheduleRefused extends ConflictError {
  constructor(readonly reason: RefusalReason, policyHours: number) {
    super(
      reason === "too_late"
        ? `The deposit moves only with at least ${policyHours} h notice. To change the date, cancel the session on its page (it shows what cancelling costs) and book a new time.`
        : "The deposit has already moved as many times as the booking terms allow. To change the date, cancel the session on its page (it shows what cancelling costs) and book a new time.",
    );
    this.name = "RescheduleRefused";
  }
}

export interface ReschedulePreview {
  view: ClientBookingView;
  terms: PortalBookingRow;
  offer: Offer;
  /** The session's length: a move keeps it. */
  minutes: number;
  /** Whether the deposit moves, or why not. */
  result: RescheduleResult;
  /** Moves still allowed after this one (when the deposit moves). */
  movesLeft: number;
  /**
   * When the deposit cannot move: what cancelling now means, the first half of booking anew — the
   * client reads it here before deciding. Null when it moves.
   */
  cancellation: CancellationPreview | null;
}

/** What the studio's portal allows: where its clock is and how far ahead clients may book. */
export interface SlotRules {
  timeZone: string;
  minNoticeHours: number;
  horizonDays: number;
  bookingEnabled: boolean;
}

export async function slotRules(db: Pick<TenantDb, "select">): Promise<SlotRules> {
  const [[profile], settings] = await Promise.all([
    db.select({ timezone: studioProfile.timezone }).from(studioProfile).where(eq(studioProfile.id, 1)),
    getPortalSettings(db),
  ]);
  return {
    timeZone: profile?.timezone ?? "UTC",
    minNoticeHours: settings.minNoticeHours,
    horizonDays: settings.horizonDays,
    bookingEnabled: settings.bookingEnabled,
  };
}

/**
 * Whether the client's booking can be moved online, and what moving it now means; null when it
 * cannot at all: not this client's, not booked in the portal, cancelled, expired or started, split
 * into several blocks by staff, or its offer taken off the booking page (or online booking off).
 */
export async function previewReschedule(
  db: TenantDb,
  clientId: string,
  bookingId: string,
  now: Date,
): Promise<ReschedulePreview | null> {
  const view = await clientBookingView(db, bookingId, clientId, now);
  const terms = view?.terms;
  if (!view || !terms || !MOVABLE.includes(view.state) || view.start <= now) return null;
  if (view.booking.blocks.length !== 1) return null;
  const [offer, rules] = await Promise.all([getOffer(db, terms.offerId), getPortalSettings(db)]);
  if (!offer?.active || !rules.bookingEnabled) return null;
  const result = rescheduleOutcome(terms.policy, { startsAt: view.start, now, transfers: terms.transfers });
  return {
    view,
    terms,
    offer,
    minutes: terms.durationMinutes,
    result,
    movesLeft: Math.max(0, terms.policy.maxTransfers - terms.transfers - 1),
    cancellation: result.keepsDeposit ? null : await previewCancellation(db, bookingId, clientId, now),
  };
}

export interface Rescheduled {
  bookingId: string;
  /** Where and when it was: for the e-mail's "before". */
  previous: Pick<BookingDetail, "room" | "blocks">;
  start: Date;
  end: Date;
  /** Moves made so far, this one included. */
  transfers: number;
}

/**
 * Moves the client's booking to `newStart` (same length), in one transaction: locks the booking,
 * checks again that it may move with its deposit, that `newStart` is one of the offer's free starts
 * (the booking's own time counting as free) in the room it has or else the offer's first free one,
 * rewrites its times, counts the move and audits `booking.rescheduled` by the client. A time taken
 * meanwhile is a ConflictError that names nobody, and nothing changes. Mail the client after it
 * returns (notifyBooking "changed" with `previous` and `changedBy: "client"`: "You moved your session…").
 */
export async function rescheduleOnline(
  db: TenantDb,
  clientId: string,
  bookingId: string,
  newStart: Date,
  acting: ActingAs,
  now = new Date(),
): Promise<Rescheduled> {
  if (!(newStart instanceof Date) || Number.isNaN(newStart.getTime())) {
    throw new ClientInputError({ start: { id: "portal.error.start" } });
  }
  const view = await clientBookingView(db, bookingId, clientId, now);
  if (!view) throw new NotFoundError("No such session.");
  const preview = await previewReschedule(db, clientId, bookingId, now);
  if (!preview) throw new ConflictError(NOT_MOVABLE);
  const { offer, minutes, terms } = preview;
  if (!preview.result.keepsDeposit) {
    throw new RescheduleRefused(preview.result.reason as RefusalReason, terms.policy.rescheduleMinHours);
  }
  if (newStart.getTime() === view.start.getTime()) {
    throw new ClientInputError({ start: { id: "portal.error.same_time" } });
  }
  const rules = await slotRules(db);
  const end = new Date(newStart.getTime() + minutes * 60_000);

  try {
    return await db.transaction(async (tx) => {
      await releaseExpiredHolds(tx, now);
      const row = await lockBooking(tx, bookingId);
      if (row.clientId !== clientId) throw new NotFoundError("No such session.");
      const [fresh] = await tx.select().from(portalBookings).where(eq(portalBookings.bookingId, bookingId));
      const current = await currentPlan(tx, row);
      const start = current.blocks[0]?.start;
      if (
        !fresh || !MOVABLE.includes(fresh.state) || !["hold", "confirmed"].includes(row.status) ||
        current.blocks.length !== 1 || !start || start <= now
      ) {
        throw new ConflictError(NOT_MOVABLE);
      }
      // The page was read a moment ago: the notice or the count may have run out since.
      const outcome = rescheduleOutcome(fresh.policy, { startsAt: start, now, transfers: fresh.transfers });
      if (outcome.reason !== "ok") {
        throw new RescheduleRefused(outcome.reason, fresh.policy.rescheduleMinHours);
      }

      const free = await roomsFreeAt(tx, offer, newStart, {
        minutes,
        now,
        timeZone: rules.timeZone,
        minNoticeHours: rules.minNoticeHours,
        horizonDays: rules.horizonDays,
        excludeBookingId: bookingId,
      });
      // The room it has, when free at the new time; else the offer's first free one.
      const rooms = free.includes(row.roomId) ? [row.roomId, ...free.filter((r) => r !== row.roomId)] : free;
      const roomId = await moveToFirstFreeRoom(tx, row, current, rooms, { start: newStart, end }, now);
      if (!roomId) throw new ConflictError(TAKEN);

      const holdExpiresAt = newHoldExpiry(row, fresh, current.blocks[0].end, newStart, end, now);
      if (holdExpiresAt !== row.holdExpiresAt) {
        await tx.update(bookings).set({ holdExpiresAt }).where(eq(bookings.id, bookingId));
      }
      await tx.update(portalBookings).set({ transfers: fresh.transfers + 1, updatedAt: now })
        .where(eq(portalBookings.bookingId, bookingId));
      await recordAudit(tx, {
        ...acting,
        action: "booking.rescheduled",
        entity: { type: "booking", id: bookingId },
        changes: {
          blocks: {
            before: [`${start.toISOString()}/${current.blocks[0].end.toISOString()}`],
            after: [`${newStart.toISOString()}/${end.toISOString()}`],
          },
          ...(roomId !== row.roomId ? { roomId: { before: row.roomId, after: roomId } } : {}),
          transfers: { before: fresh.transfers, after: fresh.transfers + 1 },
        },
      });
      return {
        bookingId,
        previous: {
          room: view.booking.room,
          blocks: [{ id: view.booking.blocks[0].id, start, end: current.blocks[0].end }],
        },
        start: newStart,
        end,
        transfers: fresh.transfers + 1,
      };
    });
  } catch (err) {
    if (pgError(err)?.code === EXCLUSION_VIOLATION) throw new ConflictError(TAKEN);
    throw err;
  }
}

/**
 * A hold keeps its meaning at the new time: an unpaid deposit's short hold is left as it is; a paid
 * request staff must approve is held to the session's end; an unpaid request until the session starts
 * (at most two weeks ahead), as when it was booked (lib/portal/book.ts).
 */
function newHoldExpiry(
  row: typeof bookings.$inferSelect,
  terms: PortalBookingRow,
  oldEnd: Date,
  newStart: Date,
  newEnd: Date,
  now: Date,
): Date | null {
  if (row.status !== "hold" || !row.holdExpiresAt || terms.state !== "awaiting_approval") {
    return row.holdExpiresAt;
  }
  if (row.holdExpiresAt >= oldEnd) return newEnd;
  const minutes = Math.max(
    5,
    Math.min(MAX_HOLD_MINUTES, Math.floor((newStart.getTime() - now.getTime()) / 60_000)),
  );
  return new Date(now.getTime() + minutes * 60_000);
}

/**
 * Rewrites the booking's time in the first of `rooms` where nothing stands in the way (its engineers
 * and gear included), each attempt a savepoint; the room's id, or null when every one is taken.
 */
async function moveToFirstFreeRoom(
  tx: Tx,
  row: typeof bookings.$inferSelect,
  current: BookingPlan,
  rooms: string[],
  span: { start: Date; end: Date },
  now: Date,
): Promise<string | null> {
  for (const roomId of rooms) {
    const plan: BookingPlan = { ...current, roomId, blocks: [span] };
    try {
      await tx.transaction(async (sp) => {
        const prepared = await preparePlan(sp, plan);
        const conflicts = await findConflicts(sp, prepared.resources, prepared.spans, {
          excludeBookingId: row.id,
          now,
        });
        if (conflicts.length) throw new ConflictError(TAKEN);
        await rewriteBooking(sp, row, plan, prepared, now);
      });
      return roomId;
    } catch (err) {
      if (err instanceof ConflictError || pgError(err)?.code === EXCLUSION_VIOLATION) continue;
      throw err;
    }
  }
  return null;
}

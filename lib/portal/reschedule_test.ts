import assert from "node:assert/strict";
import { and, eq } from "drizzle-orm";
import { auditLog, bookingBlocks, bookings, portalBookings } from "../../db/schema/mod.ts";
import { ConflictError, NotFoundError, ValidationError } from "../errors.ts";
import { createBooking } from "../scheduling/bookings.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { insertOffer, insertOpenRoom } from "../testing/portal_fixtures.ts";
import { insertClient, withStudioDb } from "../testing/scheduling_fixtures.ts";
import { bookOnline, type OnlineBookingContext } from "./book.ts";
import { cancelOnline } from "./cancel.ts";
import { depositPaid } from "./deposit_paid.ts";
import { DEFAULT_POLICY } from "./policy.ts";
import { previewReschedule, rescheduleOnline, RescheduleRefused, TAKEN } from "./reschedule.ts";

const now = new Date("2026-06-01T08:00:00Z");
// Wednesday 10 June 2026, 14:00 in Paris (12:00 UTC), 4 h: inside the room's 09:00–21:00.
const start = "2026-06-10T12:00:00.000Z";
const context: OnlineBookingContext = {
  now,
  timeZone: "Europe/Paris",
  minNoticeHours: 24,
  horizonDays: 60,
  holdMinutes: 30,
  paymentsOn: true,
};
const visitor = {
  minutes: 240,
  start,
  name: "Nina",
  email: "nina@example.com",
  phone: "",
  acceptPolicy: true,
};

/** A booked 4 h session, confirmed as its deposit is paid, on 10 June for Nina, under the default policy (one move, 72 h notice). */
async function paidBooking(db: TenantDb, policy = DEFAULT_POLICY) {
  const room = await insertOpenRoom(db);
  const offer = await insertOffer(db, { roomIds: [room.id], policy });
  const booked = await bookOnline(db, offer, visitor, context);
  await db.transaction((tx) => depositPaid(tx, booked.bookingId, now));
  const [row] = await db.select().from(bookings).where(eq(bookings.id, booked.bookingId));
  return {
    room,
    offer,
    booked,
    clientId: row.clientId!,
    acting: { actor: { type: "client" as const, id: row.clientId! } },
  };
}

async function state(db: TenantDb, bookingId: string) {
  const [booking] = await db.select().from(bookings).where(eq(bookings.id, bookingId));
  const blocks = await db.select().from(bookingBlocks).where(eq(bookingBlocks.bookingId, bookingId));
  const [terms] = await db.select().from(portalBookings).where(eq(portalBookings.bookingId, bookingId));
  return { booking, blocks, terms };
}

Deno.test("within the policy the session moves with its deposit: same booking, new time, one move counted", async () => {
  await withStudioDb(async (db) => {
    const { booked, clientId, acting } = await paidBooking(db);
    const preview = await previewReschedule(db, clientId, booked.bookingId, now);
    assert.ok(preview);
    assert.deepEqual(preview.result, { keepsDeposit: true, reason: "ok" });
    assert.equal(preview.movesLeft, 0, "the default policy moves a deposit once");
    assert.equal(preview.cancellation, null);

    // One hour later overlaps the session's own time, which counts as free.
    const newStart = new Date("2026-06-10T13:00:00Z");
    const moved = await rescheduleOnline(db, clientId, booked.bookingId, newStart, acting, now);
    assert.equal(moved.transfers, 1);
    assert.equal(moved.previous.blocks[0].start.toISOString(), start);
    const after = await state(db, booked.bookingId);
    assert.equal(after.booking.status, "confirmed");
    assert.equal(after.blocks.length, 1);
    assert.equal(after.blocks[0].startsAt.toISOString(), "2026-06-10T13:00:00.000Z");
    assert.equal(after.blocks[0].endsAt.toISOString(), "2026-06-10T17:00:00.000Z");
    assert.equal(after.terms.transfers, 1);
    assert.equal(after.terms.depositDocumentId, booked.depositDocumentId, "the deposit stays attached");
    const [audit] = await db.select().from(auditLog).where(
      and(eq(auditLog.entityId, booked.bookingId), eq(auditLog.action, "booking.rescheduled")),
    );
    assert.equal(audit.actorType, "client");
    assert.equal(audit.actorId, clientId);

    // The one move allowed is used: the next one would not carry the deposit, and is refused.
    const exhausted = await previewReschedule(db, clientId, booked.bookingId, now);
    assert.deepEqual(exhausted?.result, { keepsDeposit: false, reason: "no_transfers_left" });
    assert.equal(
      exhausted?.cancellation?.result.outcome,
      "full_refund",
      "the client reads what cancelling costs",
    );
    await assert.rejects(
      () => rescheduleOnline(db, clientId, booked.bookingId, new Date("2026-06-12T12:00:00Z"), acting, now),
      (err) => err instanceof RescheduleRefused && err.reason === "no_transfers_left" && err.status === 409,
    );
    assert.equal(
      (await state(db, booked.bookingId)).blocks[0].startsAt.toISOString(),
      "2026-06-10T13:00:00.000Z",
    );
  });
});

Deno.test("a policy with more moves counts them down", async () => {
  await withStudioDb(async (db) => {
    const { booked, clientId, acting } = await paidBooking(db, { ...DEFAULT_POLICY, maxTransfers: 2 });
    assert.equal((await previewReschedule(db, clientId, booked.bookingId, now))?.movesLeft, 1);
    await rescheduleOnline(db, clientId, booked.bookingId, new Date("2026-06-11T12:00:00Z"), acting, now);
    const second = await previewReschedule(db, clientId, booked.bookingId, now);
    assert.equal(second?.result.keepsDeposit, true);
    assert.equal(second?.movesLeft, 0);
    await rescheduleOnline(db, clientId, booked.bookingId, new Date("2026-06-12T12:00:00Z"), acting, now);
    assert.equal((await state(db, booked.bookingId)).terms.transfers, 2);
    assert.equal(
      (await previewReschedule(db, clientId, booked.bookingId, now))?.result.reason,
      "no_transfers_left",
    );
  });
});

Deno.test("too close to the session the deposit does not move: the client is told what cancelling costs instead", async () => {
  await withStudioDb(async (db) => {
    const { booked, clientId, acting } = await paidBooking(db);
    const twoDaysBefore = new Date("2026-06-08T12:00:00Z");
    const preview = await previewReschedule(db, clientId, booked.bookingId, twoDaysBefore);
    assert.deepEqual(preview?.result, { keepsDeposit: false, reason: "too_late" });
    assert.equal(preview?.cancellation?.result.outcome, "deposit_kept");
    assert.equal(preview?.cancellation?.result.window.minHoursBefore, 24);
    await assert.rejects(
      () =>
        rescheduleOnline(
          db,
          clientId,
          booked.bookingId,
          new Date("2026-06-12T12:00:00Z"),
          acting,
          twoDaysBefore,
        ),
      (err) => err instanceof RescheduleRefused && err.reason === "too_late" && /72 h/.test(err.message),
    );
    const after = await state(db, booked.bookingId);
    assert.equal(after.blocks[0].startsAt.toISOString(), start);
    assert.equal(after.terms.transfers, 0);
  });
});

Deno.test("a time taken meanwhile is a 409 that names nobody, and nothing changes", async () => {
  await withStudioDb(async (db) => {
    const { room, booked, clientId, acting } = await paidBooking(db);
    const rival = await insertClient(db, { name: "Rival Band", email: "rival@example.com" });
    await createBooking(
      db,
      {
        clientId: rival.id,
        roomId: room.id,
        title: "Rival session",
        status: "confirmed",
        blocks: [{ start: new Date("2026-06-12T12:00:00Z"), end: new Date("2026-06-12T16:00:00Z") }],
      },
      { actor: { type: "staff", id: "stf_1" } },
      { timeZone: "Europe/Paris", now },
    );
    await assert.rejects(
      () => rescheduleOnline(db, clientId, booked.bookingId, new Date("2026-06-12T12:00:00Z"), acting, now),
      (err) => {
        assert.ok(err instanceof ConflictError);
        assert.equal(err.status, 409);
        assert.equal(err.message, TAKEN);
        assert.deepEqual(err.conflicts, []);
        assert.doesNotMatch(err.message, /Rival/);
        return true;
      },
    );
    const after = await state(db, booked.bookingId);
    assert.equal(after.blocks[0].startsAt.toISOString(), start);
    assert.equal(after.terms.transfers, 0);
    const audits = await db.select().from(auditLog).where(eq(auditLog.action, "booking.rescheduled"));
    assert.equal(audits.length, 0);
    // The current time itself and a time the offer does not offer are refused too.
    await assert.rejects(
      () => rescheduleOnline(db, clientId, booked.bookingId, new Date(start), acting, now),
      ValidationError,
    );
    await assert.rejects(
      () => rescheduleOnline(db, clientId, booked.bookingId, new Date("2026-06-12T18:00:00Z"), acting, now),
      ConflictError,
      "20:00 in Paris + 4 h runs past closing",
    );
  });
});

Deno.test("another client's booking does not exist for them; a cancelled one cannot move", async () => {
  await withStudioDb(async (db) => {
    const { booked, clientId, acting } = await paidBooking(db);
    const other = await insertClient(db, { name: "Other", email: "other@example.com" });
    assert.equal(await previewReschedule(db, other.id, booked.bookingId, now), null);
    await assert.rejects(
      () =>
        rescheduleOnline(db, other.id, booked.bookingId, new Date("2026-06-12T12:00:00Z"), {
          actor: { type: "client", id: other.id },
        }, now),
      NotFoundError,
    );
    await cancelOnline(db, booked.bookingId, clientId, null, now);
    assert.equal(await previewReschedule(db, clientId, booked.bookingId, now), null);
    await assert.rejects(
      () => rescheduleOnline(db, clientId, booked.bookingId, new Date("2026-06-12T12:00:00Z"), acting, now),
      (err) => err instanceof ConflictError && !(err instanceof RescheduleRefused),
    );
    assert.equal((await state(db, booked.bookingId)).booking.status, "cancelled");
  });
});

Deno.test("a request waiting for staff is held until its new start", async () => {
  await withStudioDb(async (db) => {
    const room = await insertOpenRoom(db);
    const offer = await insertOffer(db, { roomIds: [room.id] });
    const booked = await bookOnline(db, offer, visitor, { ...context, paymentsOn: false });
    const { booking } = await state(db, booked.bookingId);
    const acting = { actor: { type: "client" as const, id: booking.clientId! } };
    const newStart = new Date("2026-06-12T12:00:00Z");
    await rescheduleOnline(db, booking.clientId!, booked.bookingId, newStart, acting, now);
    const after = await state(db, booked.bookingId);
    assert.equal(after.booking.status, "hold");
    assert.equal(after.booking.holdExpiresAt?.toISOString(), newStart.toISOString());
    assert.equal(after.terms.state, "awaiting_approval");
  });
});

// Staff deciding on portal bookings (lib/portal/approvals.ts), and the portal state following every
// status change a booking goes through on the staff side (lib/scheduling/booking_rows.ts).
import assert from "node:assert/strict";
import { and, eq } from "drizzle-orm";
import {
  auditLog,
  billingDocuments,
  bookings,
  payments,
  portalBookings,
  type PortalBookingState,
} from "../../db/schema/mod.ts";
import { ConflictError, ValidationError } from "../errors.ts";
import { transitionBooking } from "../scheduling/bookings.ts";
import { releaseExpiredHolds } from "../scheduling/booking_rows.ts";
import { stripeFromConfig } from "../stripe/client.ts";
import { provisionStudio } from "../tenancy/provision.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { capturingMailer } from "../testing/capturing_mailer.ts";
import { startFakeStripe } from "../testing/fake_stripe.ts";
import { insertOffer, insertOpenRoom } from "../testing/portal_fixtures.ts";
import { withStudioDb } from "../testing/scheduling_fixtures.ts";
import { connectStudioToStripe, deliverStripeEvent } from "../testing/stripe_connected.ts";
import { testApp } from "../testing/test_app.ts";
import type Stripe from "stripe";
import {
  approvePortalBooking,
  countPortalRequests,
  declinePortalBooking,
  pendingPortalRequests,
} from "./approvals.ts";
import { bookOnline, type OnlineBookingContext } from "./book.ts";
import { depositPaid } from "./deposit_paid.ts";
import { startDepositCheckout } from "./deposit_checkout.ts";

const STAFF = { actor: { type: "staff" as const, id: "stf_1", label: "owner@example.com" } };
const HOUR = 3_600_000;
// The real clock, so that the Stripe side (which stamps with it) agrees with the bookings.
const now = new Date();
/** 14:00 or 13:00 in Paris, `days` ahead: inside the fixture room's 09:00–21:00. */
const startIn = (days: number) => {
  const day = new Date(now.getTime() + days * 24 * HOUR);
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 12)).toISOString();
};
const context: OnlineBookingContext = {
  now,
  timeZone: "Europe/Paris",
  minNoticeHours: 24,
  horizonDays: 60,
  holdMinutes: 30,
  paymentsOn: false,
};
const visitor = (email = "nina@example.com", days = 10) => ({
  minutes: 240,
  start: startIn(days),
  name: "Nina Simone",
  email,
  phone: "+33 6 12 34 56 78",
  acceptPolicy: true,
});

async function stateOf(db: TenantDb, bookingId: string) {
  const [terms] = await db.select().from(portalBookings).where(eq(portalBookings.bookingId, bookingId));
  const [booking] = await db.select().from(bookings).where(eq(bookings.id, bookingId));
  return { state: terms.state as PortalBookingState, status: booking.status, terms, booking };
}

Deno.test("the queue lists requests oldest first with client, offer, time, price and what was paid", async () => {
  await withStudioDb(async (db) => {
    const room = await insertOpenRoom(db);
    const offer = await insertOffer(db, { roomIds: [room.id], name: "Vocal recording" });
    const first = await bookOnline(db, offer, visitor("nina@example.com", 10), context);
    const second = await bookOnline(db, offer, visitor("otis@example.com", 11), {
      ...context,
      now: new Date(now.getTime() + 60_000),
    });
    const queue = await pendingPortalRequests(db, now);
    assert.deepEqual(queue.map((r) => r.bookingId), [first.bookingId, second.bookingId]);
    assert.equal(queue[0].client?.name, "Nina Simone");
    assert.equal(queue[0].contact.phone, "+33 6 12 34 56 78");
    assert.equal(queue[0].offer.name, "Vocal recording");
    assert.equal(queue[0].room, room.name);
    assert.equal(queue[0].start.toISOString(), startIn(10));
    assert.equal(queue[0].end.getTime() - queue[0].start.getTime(), 4 * HOUR);
    assert.deepEqual([queue[0].price, queue[0].deposit, queue[0].paid, queue[0].currency], [
      40_000,
      0,
      0,
      "EUR",
    ]);
    assert.equal(await countPortalRequests(db, now), 2);
  });
});

Deno.test("approving confirms the hold, the portal state follows and the client is e-mailed once", async () => {
  await withStudioDb(async (db) => {
    const room = await insertOpenRoom(db);
    const offer = await insertOffer(db, { roomIds: [room.id] });
    const booked = await bookOnline(db, offer, visitor(), context);
    const { mailer, sent } = capturingMailer();
    const result = await approvePortalBooking(db, booked.bookingId, STAFF, {
      mailer,
      now,
      link: "https://blue.example/portal/sessions/x",
    });
    assert.equal(result.mailed, true);
    const after = await stateOf(db, booked.bookingId);
    assert.deepEqual([after.status, after.state], ["confirmed", "confirmed"]);
    assert.equal(after.booking.holdExpiresAt, null);
    assert.deepEqual(await pendingPortalRequests(db, now), []);
    assert.equal(sent.length, 1);
    assert.equal(sent[0].to, "nina@example.com");
    assert.match(sent[0].subject, /Session confirmed/);
    assert.match(sent[0].text, /blue\.example\/portal\/sessions\/x/);
    const [audit] = await db.select().from(auditLog).where(
      and(eq(auditLog.entityId, booked.bookingId), eq(auditLog.action, "booking.confirmed")),
    );
    assert.equal(audit.actorId, "stf_1");
    // A decided request cannot be decided again.
    await assert.rejects(
      () => approvePortalBooking(db, booked.bookingId, STAFF, { mailer, now }),
      ConflictError,
    );
    await assert.rejects(
      () => declinePortalBooking(db, booked.bookingId, "Too late", STAFF, { mailer, now, online: null }),
      ConflictError,
    );
    assert.equal(sent.length, 1);
  });
});

Deno.test("declining needs a reason; it cancels the booking and e-mails the client the reason", async () => {
  await withStudioDb(async (db) => {
    const room = await insertOpenRoom(db);
    const offer = await insertOffer(db, { roomIds: [room.id] });
    const booked = await bookOnline(db, offer, visitor(), context);
    const { mailer, sent } = capturingMailer();
    await assert.rejects(
      () => declinePortalBooking(db, booked.bookingId, "   ", STAFF, { mailer, now, online: null }),
      (err) => err instanceof ValidationError && Boolean(err.fields.reason),
    );
    assert.equal((await stateOf(db, booked.bookingId)).state, "awaiting_approval", "nothing changed");

    const result = await declinePortalBooking(
      db,
      booked.bookingId,
      "The live room is closed for works that week.",
      STAFF,
      { mailer, now, online: null },
    );
    assert.deepEqual(result, { paid: 0, refunded: 0, currency: "EUR", mailed: true });
    const after = await stateOf(db, booked.bookingId);
    assert.deepEqual([after.status, after.state], ["cancelled", "cancelled"]);
    assert.match(after.booking.cancelReason ?? "", /closed for works/);
    assert.deepEqual(
      (after.terms.cancellation as { declined: boolean; reason: string }).reason,
      "The live room is closed for works that week.",
    );
    assert.equal(sent.length, 1);
    assert.match(sent[0].subject, /Session cancelled/);
    assert.match(sent[0].text, /The studio cannot accept this booking: The live room is closed for works/);
    // The freed time can be booked again.
    await bookOnline(db, offer, visitor("otis@example.com"), context);
  });
});

Deno.test("staff confirming or cancelling a portal booking on the session page moves its portal state", async () => {
  await withStudioDb(async (db) => {
    const room = await insertOpenRoom(db);
    const offer = await insertOffer(db, { roomIds: [room.id] });
    const confirmed = await bookOnline(db, offer, visitor("a@example.com", 10), context);
    const cancelled = await bookOnline(db, offer, visitor("b@example.com", 11), context);
    const options = { timeZone: "Europe/Paris", now };
    await transitionBooking(db, confirmed.bookingId, "confirm", STAFF, options);
    await transitionBooking(db, cancelled.bookingId, "cancel", STAFF, {
      ...options,
      reason: "Asked by phone",
    });
    assert.equal((await stateOf(db, confirmed.bookingId)).state, "confirmed");
    assert.equal((await stateOf(db, cancelled.bookingId)).state, "cancelled");
    // Later steps of a confirmed session leave the client's side confirmed.
    await transitionBooking(db, confirmed.bookingId, "start", STAFF, options);
    assert.equal((await stateOf(db, confirmed.bookingId)).state, "confirmed");
    assert.equal(await countPortalRequests(db, now), 0);
  });
});

Deno.test("an unpaid portal hold that lapses becomes expired; a deposit paid late still confirms it", async () => {
  await withStudioDb(async (db) => {
    const room = await insertOpenRoom(db);
    const offer = await insertOffer(db, { roomIds: [room.id] });
    const booked = await bookOnline(db, offer, visitor(), { ...context, paymentsOn: true });
    assert.equal(booked.state, "awaiting_payment");
    const later = new Date(now.getTime() + 31 * 60_000);
    const expired = await db.transaction((tx) => releaseExpiredHolds(tx, later));
    assert.deepEqual(expired, [booked.bookingId]);
    assert.deepEqual(Object.values(await stateOf(db, booked.bookingId)).slice(0, 2), ["expired", "expired"]);
    await db.transaction((tx) => depositPaid(tx, booked.bookingId, later));
    assert.deepEqual(Object.values(await stateOf(db, booked.bookingId)).slice(0, 2), [
      "confirmed",
      "confirmed",
    ]);
  });
});

Deno.test("a request whose session has started leaves the queue, expires and can no longer be approved", async () => {
  await withStudioDb(async (db) => {
    const room = await insertOpenRoom(db);
    const offer = await insertOffer(db, { roomIds: [room.id] });
    const booked = await bookOnline(db, offer, visitor(), context);
    const started = new Date(Date.parse(startIn(10)) + 60_000);
    assert.deepEqual(await pendingPortalRequests(db, started), []);
    const { mailer, sent } = capturingMailer();
    await assert.rejects(
      () => approvePortalBooking(db, booked.bookingId, STAFF, { mailer, now: started }),
      (err) => err instanceof ConflictError && /lapsed/.test(err.message),
    );
    assert.equal((await stateOf(db, booked.bookingId)).state, "expired");
    assert.equal(sent.length, 0);
  });
});

Deno.test("declining a paid request credits the deposit invoice and refunds it in full through Stripe", async () => {
  await using fake = await startFakeStripe();
  await using t = await testApp({
    STRIPE_SECRET_KEY: "sk_test_approvals",
    STRIPE_WEBHOOK_SECRET: "whsec_approvals",
    STRIPE_API_URL: fake.url,
  });
  const tenant = await provisionStudio(t.tenancy, {
    slug: "north",
    name: "North Sound",
    timezone: "Europe/Paris",
    currency: "EUR",
    locale: "en",
  });
  const stripe = stripeFromConfig(t.config)!;
  const accountId = await connectStudioToStripe(t, fake, tenant);
  const deliver = async (event: Stripe.Event) => (await deliverStripeEvent(t, fake, event)).status;
  await t.tenancy.pool.use(tenant.database, async (db) => {
    const room = await insertOpenRoom(db);
    const offer = await insertOffer(db, { roomIds: [room.id], requiresApproval: true });
    const booked = await bookOnline(db, offer, visitor(), { ...context, paymentsOn: true });
    const checkout = await startDepositCheckout(db, { stripe, accountId }, booked, {
      tenantId: tenant.id,
      email: "nina@example.com",
      description: "Deposit",
      returnUrl: "http://localhost/s/north/portal/book/done/x?sig=y",
    });
    assert.equal(await deliver(fake.completeCheckout(checkout.id)), 200);

    // Paid, but the offer requires approval: the slot is kept for staff to decide.
    const [request] = await pendingPortalRequests(db);
    assert.equal(request.bookingId, booked.bookingId);
    assert.deepEqual([request.deposit, request.paid], [12_000, 12_000]);

    const { mailer, sent } = capturingMailer();
    const result = await declinePortalBooking(db, booked.bookingId, "Fully booked that week.", STAFF, {
      mailer,
      online: { stripe, accountId },
    });
    assert.deepEqual(result, { paid: 12_000, refunded: 12_000, currency: "EUR", mailed: true });
    assert.equal(fake.refunds.size, 1);
    assert.equal(Number([...fake.refunds.values()][0].amount), 12_000);
    const ledger = await db.select().from(payments).where(eq(payments.documentId, booked.depositDocumentId!));
    assert.deepEqual(ledger.map((p) => p.amount).sort((a, b) => a - b), [-12_000, 12_000]);
    const [invoice] = await db.select().from(billingDocuments).where(
      eq(billingDocuments.id, booked.depositDocumentId!),
    );
    assert.equal(invoice.amountCredited, 12_000, "the deposit invoice is credited in full");
    assert.equal((await stateOf(db, booked.bookingId)).state, "cancelled");
    assert.match(sent[0].text, /Fully booked that week\. The €120\.00 you paid is refunded to your card\./);
  });
});

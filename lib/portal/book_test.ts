import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import { billingDocuments, bookings, clients, portalAccounts, portalBookings } from "../../db/schema/mod.ts";
import { ConflictError, ValidationError } from "../errors.ts";
import { insertOffer, insertOpenRoom } from "../testing/portal_fixtures.ts";
import { insertClient, withStudioDb } from "../testing/scheduling_fixtures.ts";
import { bookOnline, type OnlineBookingContext } from "./book.ts";
import { cancelOnline, previewCancellation } from "./cancel.ts";
import { depositPaid } from "./deposit_paid.ts";

const now = new Date("2026-06-01T08:00:00Z");
// Wednesday 10 June 2026, 14:00 in Paris (12:00 UTC): inside the room's 09:00–21:00.
const start = "2026-06-10T12:00:00.000Z";
const context: OnlineBookingContext = {
  now,
  timeZone: "Europe/Paris",
  minNoticeHours: 24,
  horizonDays: 60,
  holdMinutes: 30,
  paymentsOn: false,
};
const visitor = {
  minutes: 240,
  start,
  name: "Nina Simone",
  email: "Nina@Example.com",
  phone: "",
  acceptPolicy: true,
};

Deno.test("without online payments a booking is a request: a hold until the session, for a new client", async () => {
  await withStudioDb(async (db) => {
    const room = await insertOpenRoom(db);
    const offer = await insertOffer(db, { roomIds: [room.id] });
    const booked = await bookOnline(db, offer, visitor, context);
    assert.equal(booked.state, "awaiting_approval");
    assert.equal(booked.deposit, 0);
    const [row] = await db.select().from(bookings).where(eq(bookings.id, booked.bookingId));
    assert.equal(row.status, "hold");
    assert.equal(row.source, "portal");
    assert.equal(row.holdExpiresAt?.toISOString(), start, "held for staff until the session starts");
    const [client] = await db.select().from(clients).where(eq(clients.id, row.clientId!));
    assert.equal(client.email, "nina@example.com");
    // The same time again is taken, and the second visitor learns nothing about the first.
    await assert.rejects(
      () => bookOnline(db, offer, { ...visitor, email: "other@example.com" }, context),
      (err) => {
        assert.ok(err instanceof ConflictError);
        assert.doesNotMatch(err.message, /Nina/);
        return true;
      },
    );
  });
});

Deno.test("a visitor whose address is a known client's books for that client; a signed-in client for their own", async () => {
  await withStudioDb(async (db) => {
    const room = await insertOpenRoom(db);
    const offer = await insertOffer(db, { roomIds: [room.id], durations: [{ minutes: 120, price: 20_000 }] });
    const known = await insertClient(db, { email: "nina@example.com" });
    const first = await bookOnline(db, offer, { ...visitor, minutes: 120 }, context);
    const [a] = await db.select().from(bookings).where(eq(bookings.id, first.bookingId));
    assert.equal(a.clientId, known.id);
    const other = await insertClient(db, { name: "Other", email: "other@example.com" });
    await db.insert(portalAccounts).values({
      id: "pac_other",
      clientId: other.id,
      email: "other@example.com",
    });
    const second = await bookOnline(db, offer, {
      ...visitor,
      minutes: 120,
      start: "2026-06-11T12:00:00.000Z",
    }, {
      ...context,
      signedIn: { clientId: other.id, accountId: "pac_other" },
    });
    const [b] = await db.select().from(bookings).where(eq(bookings.id, second.bookingId));
    assert.equal(b.clientId, other.id);
  });
});

Deno.test("a time the offer does not offer, a length it does not sell and unaccepted terms are refused", async () => {
  await withStudioDb(async (db) => {
    const room = await insertOpenRoom(db);
    const offer = await insertOffer(db, { roomIds: [room.id] });
    // 20:00 Paris + 4 h runs past closing.
    await assert.rejects(
      () => bookOnline(db, offer, { ...visitor, start: "2026-06-10T18:00:00.000Z" }, context),
      ConflictError,
    );
    // Inside the 24 h notice.
    await assert.rejects(
      () => bookOnline(db, offer, { ...visitor, start: "2026-06-01T12:00:00.000Z" }, context),
      ConflictError,
    );
    await assert.rejects(() => bookOnline(db, offer, { ...visitor, minutes: 60 }, context), (err) => {
      assert.ok(err instanceof ValidationError);
      assert.ok(err.fields.minutes);
      return true;
    });
    await assert.rejects(
      () => bookOnline(db, offer, { ...visitor, acceptPolicy: false, email: "x" }, context),
      (err) => {
        assert.ok(err instanceof ValidationError);
        assert.ok(err.fields.acceptPolicy && err.fields.email);
        return true;
      },
    );
  });
});

Deno.test("with payments on, the deposit is an issued deposit invoice; paying it confirms the hold once", async () => {
  await withStudioDb(async (db) => {
    const room = await insertOpenRoom(db);
    const offer = await insertOffer(db, { roomIds: [room.id] });
    const booked = await bookOnline(db, offer, visitor, { ...context, paymentsOn: true });
    assert.equal(booked.state, "awaiting_payment");
    assert.equal(booked.deposit, 12_000, "30 % of €400");
    const [invoice] = await db.select().from(billingDocuments).where(
      eq(billingDocuments.id, booked.depositDocumentId!),
    );
    assert.equal(invoice.kind, "deposit_invoice");
    assert.equal(invoice.status, "issued");
    assert.equal(invoice.total, 12_000);
    await db.transaction((tx) => depositPaid(tx, booked.bookingId, now));
    await db.transaction((tx) => depositPaid(tx, booked.bookingId, now));
    const [row] = await db.select().from(bookings).where(eq(bookings.id, booked.bookingId));
    assert.equal(row.status, "confirmed");
    const [terms] = await db.select().from(portalBookings).where(
      eq(portalBookings.bookingId, booked.bookingId),
    );
    assert.equal(terms.state, "confirmed");
  });
});

Deno.test("cancelling follows the policy the booking was made under, shown before and applied after", async () => {
  await withStudioDb(async (db) => {
    const room = await insertOpenRoom(db);
    const offer = await insertOffer(db, { roomIds: [room.id] });
    const booked = await bookOnline(db, offer, visitor, { ...context, paymentsOn: true });
    const [row] = await db.select().from(bookings).where(eq(bookings.id, booked.bookingId));
    // Unpaid, 9 days ahead: free, and the unpaid deposit invoice is credited so no reminder chases it.
    const preview = await previewCancellation(db, booked.bookingId, row.clientId!, now);
    assert.equal(preview?.result.outcome, "full_refund");
    await cancelOnline(db, booked.bookingId, row.clientId!, null, now);
    const [after] = await db.select().from(bookings).where(eq(bookings.id, booked.bookingId));
    assert.equal(after.status, "cancelled");
    const [invoice] = await db.select().from(billingDocuments).where(
      eq(billingDocuments.id, booked.depositDocumentId!),
    );
    assert.equal(invoice.status, "credited");
    // Another client's session cannot be previewed or cancelled.
    assert.equal(await previewCancellation(db, booked.bookingId, "cli_other", now), null);
    await assert.rejects(() => cancelOnline(db, booked.bookingId, row.clientId!, null, now), ConflictError);
  });
});

Deno.test("two days ahead the deposit is kept and the outcome says so", async () => {
  await withStudioDb(async (db) => {
    const room = await insertOpenRoom(db);
    const offer = await insertOffer(db, { roomIds: [room.id] });
    const booked = await bookOnline(db, offer, visitor, context);
    const [row] = await db.select().from(bookings).where(eq(bookings.id, booked.bookingId));
    const preview = await previewCancellation(
      db,
      booked.bookingId,
      row.clientId!,
      new Date("2026-06-08T12:00:00Z"),
    );
    assert.equal(preview?.result.outcome, "deposit_kept");
    const late = await previewCancellation(
      db,
      booked.bookingId,
      row.clientId!,
      new Date("2026-06-10T02:00:00Z"),
    );
    assert.equal(late?.result.outcome, "full_charge");
    assert.equal(late?.result.due, 40_000, "nothing paid, the whole price is due");
  });
});

import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import { billingSettings, invoicedBookings } from "../../db/schema/mod.ts";
import { type ActingAs, listAudit } from "../audit/audit.ts";
import { ConflictError, ValidationError } from "../errors.ts";
import { createBooking, transitionBooking } from "../scheduling/bookings.ts";
import { insertTaxRate } from "../testing/billing_fixtures.ts";
import {
  insertClient,
  insertEngineer,
  insertGear,
  insertRoom,
  withStudioDb,
} from "../testing/scheduling_fixtures.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { deleteDraft } from "./documents.ts";
import { documentTotals } from "./document_totals.ts";
import {
  clientsWithUninvoicedSessions,
  invoiceFromBookings,
  sessionDetailFormat,
  uninvoicedSessions,
} from "./invoice_from_bookings.ts";

const acting: ActingAs = { actor: { type: "staff", id: "stf_1", label: "owner@example.com" } };
const options = { timeZone: "Europe/Paris", now: new Date("2026-10-01T08:00:00Z") };
const block = (start: string, end: string) => ({ start: new Date(start), end: new Date(end) });

async function rejection<E>(promise: Promise<unknown>, type: new (...args: never[]) => E): Promise<E> {
  const err = await promise.then(() => undefined, (e) => e);
  assert.ok(err instanceof type, `expected ${type.name}, got ${err}`);
  return err as E;
}

/** A studio with a room at 50.00/h, an engineer at 30.00/h, a microphone at 15.00/day and VAT 20% by default. */
async function studio(db: TenantDb) {
  const room = await insertRoom(db, { name: "Studio A", hourlyRate: 5000 });
  const engineer = await insertEngineer(db, { name: "Sam", hourlyRate: 3000 });
  const mic = await insertGear(db, { name: "U87", quantity: 2, fee: 1500, feePer: "day" });
  const vat = await insertTaxRate(db, { name: "VAT", rate: "20" });
  await db.insert(billingSettings).values({ id: 1, defaultTaxRateIds: [vat.id] });
  const client = await insertClient(db, { name: "The Lanterns", kind: "band" });
  return { room, engineer, mic, vat, client };
}

async function completedSession(
  db: TenantDb,
  fields: {
    clientId: string;
    roomId: string;
    engineerIds?: string[];
    gear?: { gearId: string; quantity: number }[];
  },
  blocks: { start: Date; end: Date }[],
  title = "Album tracking",
) {
  const booking = await createBooking(db, { ...fields, title, blocks }, acting, options);
  return await transitionBooking(db, booking.id, "complete", acting, options);
}

Deno.test("a completed session becomes a draft invoice: room, engineer and gear lines with the default taxes", async () => {
  await withStudioDb(async (db) => {
    const { room, engineer, mic, vat, client } = await studio(db);
    // Tuesday 3 November 2026, 10:00–14:00 in Paris.
    const session = await completedSession(db, {
      clientId: client.id,
      roomId: room.id,
      engineerIds: [engineer.id],
      gear: [{ gearId: mic.id, quantity: 2 }],
    }, [block("2026-11-03T09:00:00Z", "2026-11-03T13:00:00Z")]);

    const invoice = await invoiceFromBookings(db, { clientId: client.id, bookingIds: [session.id] }, acting);
    assert.equal(invoice.kind, "invoice");
    assert.equal(invoice.status, "draft");
    assert.equal(invoice.title, "Album tracking");
    assert.deepEqual(
      invoice.lines.map((l) => [l.description, l.quantity, l.unit, l.unitPrice]),
      [
        ["Studio A — 4 h at the hourly rate", "4", "hour", 5000],
        ["Engineer Sam — 4 h at the hourly rate", "4", "hour", 3000],
        ["U87 × 2 — 1 day", "2", "day", 1500],
      ],
    );
    for (const line of invoice.lines) {
      assert.equal(line.detail, "Album tracking — Tue 3 Nov 2026, 10:00–14:00");
      assert.equal(line.bookingId, session.id);
      assert.equal(line.sessionDate, "2026-11-03");
      assert.deepEqual(line.startsAt, new Date("2026-11-03T09:00:00Z"));
      assert.deepEqual(line.endsAt, new Date("2026-11-03T13:00:00Z"));
      assert.deepEqual(line.taxes.map((t) => t.id), [vat.id]);
    }
    // 200.00 + 120.00 + 30.00 = 350.00, VAT 70.00.
    assert.equal(invoice.subtotal, 35000);
    assert.equal(invoice.taxTotal, 7000);
    assert.equal(invoice.total, 42000);
    assert.equal(documentTotals(invoice, invoice.lines).total, invoice.total);
    const marked = await db.select().from(invoicedBookings).where(
      eq(invoicedBookings.documentId, invoice.id),
    );
    assert.deepEqual(marked.map((m) => m.bookingId), [session.id]);
    const [audit] = await listAudit(db, { entityType: "invoice" });
    assert.equal(audit.action, "invoice.created");
  });
});

Deno.test("several sessions are grouped per session in time order, and per day within a session", async () => {
  await withStudioDb(async (db) => {
    const { room, engineer, client } = await studio(db);
    const later = await completedSession(db, { clientId: client.id, roomId: room.id }, [
      block("2026-11-10T09:00:00Z", "2026-11-10T11:00:00Z"),
    ], "Mixing");
    const earlier = await completedSession(db, {
      clientId: client.id,
      roomId: room.id,
      engineerIds: [engineer.id],
    }, [
      block("2026-11-05T13:00:00Z", "2026-11-05T15:00:00Z"),
      block("2026-11-04T09:00:00Z", "2026-11-04T10:30:00Z"),
    ], "Tracking");
    const invoice = await invoiceFromBookings(
      db,
      { clientId: client.id, bookingIds: [later.id, earlier.id] },
      acting,
    );
    assert.equal(invoice.title, "2 sessions");
    assert.deepEqual(invoice.lines.map((l) => [l.bookingId, l.sessionDate, l.quantity]), [
      [earlier.id, "2026-11-04", "1.5"],
      [earlier.id, "2026-11-04", "1.5"],
      [earlier.id, "2026-11-05", "2"],
      [earlier.id, "2026-11-05", "2"],
      [later.id, "2026-11-10", "2"],
    ]);
    assert.equal(invoice.lines[0].description, "Studio A — 1.5 h at the hourly rate");
    assert.equal(invoice.lines[1].description, "Engineer Sam — 1.5 h at the hourly rate");
  });
});

Deno.test("sessions not completed, of another client, or already invoiced are refused; deleting the draft frees them", async () => {
  await withStudioDb(async (db) => {
    const { room, client } = await studio(db);
    const other = await insertClient(db, { name: "Someone Else" });
    const confirmed = await createBooking(
      db,
      {
        clientId: client.id,
        roomId: room.id,
        title: "Not yet played",
        blocks: [block("2026-11-20T09:00:00Z", "2026-11-20T10:00:00Z")],
      },
      acting,
      options,
    );
    let err = await rejection(
      invoiceFromBookings(db, { clientId: client.id, bookingIds: [confirmed.id] }, acting),
      ValidationError,
    );
    assert.match(
      err.fields.bookingIds,
      /“Not yet played” is confirmed: only completed sessions are invoiced/,
    );

    const done = await completedSession(db, { clientId: client.id, roomId: room.id }, [
      block("2026-11-03T09:00:00Z", "2026-11-03T10:00:00Z"),
    ]);
    err = await rejection(
      invoiceFromBookings(db, { clientId: other.id, bookingIds: [done.id] }, acting),
      ValidationError,
    );
    assert.match(err.fields.bookingIds, /not this client's/);
    await rejection(
      invoiceFromBookings(db, { clientId: client.id, bookingIds: [] }, acting),
      ValidationError,
    );

    assert.deepEqual((await uninvoicedSessions(db, client.id)).map((s) => s.id), [done.id]);
    assert.deepEqual(await clientsWithUninvoicedSessions(db), [{
      id: client.id,
      name: "The Lanterns",
      sessions: 1,
    }]);
    const invoice = await invoiceFromBookings(db, { clientId: client.id, bookingIds: [done.id] }, acting);
    const conflict = await rejection(
      invoiceFromBookings(db, { clientId: client.id, bookingIds: [done.id] }, acting),
      ConflictError,
    );
    assert.match(conflict.message, /Already invoiced: “Album tracking” \(a draft invoice\)/);
    assert.deepEqual(await uninvoicedSessions(db, client.id), []);

    await deleteDraft(db, invoice.id, invoice.version, acting);
    assert.deepEqual((await uninvoicedSessions(db, client.id)).map((s) => s.id), [done.id]);
  });
});

Deno.test("a session's detail names its day and times on the studio's wall clock, and the end day past midnight", () => {
  const detail = sessionDetailFormat("en", "Europe/Paris");
  assert.equal(
    detail(Date.parse("2026-11-03T09:00:00Z"), Date.parse("2026-11-03T13:00:00Z")),
    "Tue 3 Nov 2026, 10:00–14:00",
  );
  assert.equal(
    detail(Date.parse("2026-11-03T21:00:00Z"), Date.parse("2026-11-04T01:00:00Z")),
    "Tue 3 Nov 2026, 22:00–Wed 4 Nov 2026 02:00",
  );
  assert.equal(
    sessionDetailFormat("fr", "Europe/Paris")(
      Date.parse("2026-11-03T09:00:00Z"),
      Date.parse("2026-11-03T13:00:00Z"),
    ),
    "mar. 3 nov. 2026, 10:00–14:00",
  );
});

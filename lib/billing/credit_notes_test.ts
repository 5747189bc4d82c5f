import assert from "node:assert/strict";
import { eq, sql } from "drizzle-orm";
import { billingDocuments, invoicedBookings } from "../../db/schema/mod.ts";
import { type ActingAs, listAudit } from "../audit/audit.ts";
import { ConflictError, ValidationError } from "../errors.ts";
import { createBooking, transitionBooking } from "../scheduling/bookings.ts";
import { insertTaxRate } from "../testing/billing_fixtures.ts";
import { insertClient, insertRoom, withStudioDb } from "../testing/scheduling_fixtures.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { createCreditNote, creditNotesOf, issueCreditNote } from "./credit_notes.ts";
import { createDraft, getDocument } from "./documents.ts";
import { invoiceFromBookings, uninvoicedSessions } from "./invoice_from_bookings.ts";
import { issueDocument } from "./issue.ts";

const acting: ActingAs = { actor: { type: "staff", id: "stf_1", label: "owner@example.com" } };
const now = new Date("2026-11-24T10:00:00Z");

async function rejection<E>(promise: Promise<unknown>, type: new (...args: never[]) => E): Promise<E> {
  const err = await promise.then(() => undefined, (e) => e);
  assert.ok(err instanceof type, `expected ${type.name}, got ${err}`);
  return err as E;
}

/** An issued invoice: 2 × 100.00 mixing and 4 h × 50.00 (10.00 off), VAT 20% → 470.00 incl. VAT 78.00… */
async function issuedInvoice(db: TenantDb, fields: { discountAmount?: number } = {}) {
  const client = await insertClient(db);
  const vat = await insertTaxRate(db, { name: "VAT", rate: "20" });
  const draft = await createDraft(db, "invoice", {
    clientId: client.id,
    ...fields,
    lines: [
      { description: "Mixing", quantity: "2", unit: "item", unitPrice: 10000, taxRateIds: [vat.id] },
      {
        description: "Room",
        quantity: "4",
        unit: "hour",
        unitPrice: 5000,
        discountAmount: 1000,
        taxRateIds: [vat.id],
      },
    ],
  }, acting);
  const invoice = await issueDocument(db, draft.id, draft.version, acting, { now });
  return { invoice, vat, client };
}

Deno.test("a full credit note copies every line with the invoice's own taxes and settles the invoice as credited", async () => {
  await withStudioDb(async (db) => {
    const { invoice, vat } = await issuedInvoice(db);
    assert.equal(invoice.total, 46800, "(200.00 + 190.00) × 1.2");
    // The studio's rate changes after the invoice: the credit note still credits what was invoiced.
    await db.execute(sql`UPDATE tax_rates SET rate = '21' WHERE id = ${vat.id}`);
    const note = await createCreditNote(
      db,
      invoice.id,
      { lines: "all", reason: "Sessions cancelled" },
      acting,
    );
    assert.equal(note.kind, "credit_note");
    assert.equal(note.status, "draft");
    assert.equal(note.relatedDocumentId, invoice.id);
    assert.equal(note.notes, "Sessions cancelled");
    assert.equal(note.total, invoice.total);
    assert.deepEqual(note.lines.map((l) => [l.description, l.quantity, l.discountAmount, l.taxes[0].rate]), [
      ["Mixing", "2", null, "20"],
      ["Room", "4", 1000, "20"],
    ]);

    const issued = await issueCreditNote(db, note.id, note.version, acting, { now });
    assert.equal(issued.number, "CN-2026-0001");
    const after = await getDocument(db, invoice.id);
    assert.equal(after.amountCredited, 46800);
    assert.equal(after.status, "credited");
    assert.deepEqual((await creditNotesOf(db, invoice.id)).map((n) => n.id), [note.id]);
    const actions = (await listAudit(db)).map((a) => a.action);
    assert.ok(actions.includes("credit_note.created"));
    assert.ok(actions.includes("credit_note.issued"));
    assert.ok(actions.includes("invoice.credited"));

    await rejection(createCreditNote(db, invoice.id, { reason: "Again" }, acting), ConflictError);
  });
});

Deno.test("a partial credit note takes chosen quantities, shares fixed discounts, and leaves the invoice partly credited", async () => {
  await withStudioDb(async (db) => {
    const { invoice } = await issuedInvoice(db, { discountAmount: 3000 });
    // Lines 200.00 and 190.00 (after 10.00 off): 30.00 off the document → net 360.00, VAT 72.00, total 432.00.
    assert.equal(invoice.total, 43200);
    const room = invoice.lines[1];
    const note = await createCreditNote(db, invoice.id, {
      lines: [{ lineId: room.id, quantity: "2" }],
      reason: "Two hours were not used",
    }, acting);
    assert.deepEqual(note.lines.map((l) => [l.description, l.quantity, l.discountAmount]), [[
      "Room",
      "2",
      500,
    ]]);
    // 100.00 − 5.00 = 95.00; document discount 30.00 × 95/390 = 7.31 → net 87.69, VAT 17.54, total 105.23.
    assert.equal(note.discountAmount, 731);
    assert.equal(note.total, 10523);
    await issueCreditNote(db, note.id, note.version, acting, { now });
    const after = await getDocument(db, invoice.id);
    assert.equal(after.amountCredited, 10523);
    assert.equal(after.status, "partially_paid");
  });
});

Deno.test("credit notes may not credit more than is left: checked when drafted and again when issued", async () => {
  await withStudioDb(async (db) => {
    const { invoice } = await issuedInvoice(db);
    const first = await createCreditNote(db, invoice.id, { reason: "Wrong client" }, acting);
    const second = await createCreditNote(db, invoice.id, {
      lines: [{ lineId: invoice.lines[0].id }],
      reason: "Mixing not done",
    }, acting);
    await issueCreditNote(db, first.id, first.version, acting, { now });
    const err = await rejection(
      issueCreditNote(db, second.id, second.version, acting, { now }),
      ConflictError,
    );
    assert.equal(
      err.message,
      "This credit note is for €240.00, but only €0.00 of invoice INV-2026-0001 is left to credit.",
    );
    const [{ count }] = await db.select({ count: sql<number>`count(*)::int` }).from(billingDocuments)
      .where(eq(billingDocuments.number, "CN-2026-0002"));
    assert.equal(count, 0, "the refused issue took no number");
  });
});

Deno.test("bad credit notes name the field, and drafts are not credited", async () => {
  await withStudioDb(async (db) => {
    const { invoice, client } = await issuedInvoice(db);
    let err = await rejection(createCreditNote(db, invoice.id, { reason: "  " }, acting), ValidationError);
    assert.deepEqual(Object.keys(err.fields), ["reason"]);
    const line = invoice.lines[0];
    err = await rejection(
      createCreditNote(db, invoice.id, { lines: [{ lineId: line.id, quantity: "3" }], reason: "x" }, acting),
      ValidationError,
    );
    assert.equal(err.fields[`lines.${line.id}.quantity`], "Give a quantity above 0 and at most 2.");
    err = await rejection(
      createCreditNote(db, invoice.id, { lines: [], reason: "x" }, acting),
      ValidationError,
    );
    assert.deepEqual(Object.keys(err.fields), ["lines"]);
    const draft = await createDraft(db, "invoice", {
      clientId: client.id,
      lines: [{ description: "Room", quantity: "1", unitPrice: 100 }],
    }, acting);
    await rejection(createCreditNote(db, draft.id, { reason: "x" }, acting), ConflictError);
  });
});

Deno.test("crediting a whole invoice of sessions frees them to be invoiced again", async () => {
  await withStudioDb(async (db) => {
    const room = await insertRoom(db, { hourlyRate: 5000 });
    const client = await insertClient(db);
    const options = { timeZone: "Europe/Paris", now: new Date("2026-10-01T08:00:00Z") };
    const booking = await createBooking(
      db,
      {
        clientId: client.id,
        roomId: room.id,
        title: "Tracking",
        blocks: [{ start: new Date("2026-11-03T09:00:00Z"), end: new Date("2026-11-03T11:00:00Z") }],
      },
      acting,
      options,
    );
    await transitionBooking(db, booking.id, "complete", acting, options);
    const draft = await invoiceFromBookings(db, { clientId: client.id, bookingIds: [booking.id] }, acting);
    const invoice = await issueDocument(db, draft.id, draft.version, acting, { now });
    const note = await createCreditNote(db, invoice.id, { reason: "Billed to the label instead" }, acting);
    assert.deepEqual(await uninvoicedSessions(db, client.id), [], "still invoiced while the note is a draft");
    await issueCreditNote(db, note.id, note.version, acting, { now });
    assert.deepEqual((await uninvoicedSessions(db, client.id)).map((s) => s.id), [booking.id]);
    const rows = await db.select().from(invoicedBookings);
    assert.equal(rows.length, 0);
  });
});

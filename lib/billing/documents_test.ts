import assert from "node:assert/strict";
import { eq, sql } from "drizzle-orm";
import { billingDocuments, documentLines, exchangeRates } from "../../db/schema/mod.ts";
import { type ActingAs, listAudit } from "../audit/audit.ts";
import { ConflictError, ValidationError } from "../errors.ts";
import { pgError } from "../tenancy/pg_error.ts";
import { insertTaxRate } from "../testing/billing_fixtures.ts";
import { insertClient, withStudioDb } from "../testing/scheduling_fixtures.ts";
import { createDraft, deleteDraft, getDocument, updateDraft } from "./documents.ts";
import { issueDocument } from "./issue.ts";

const acting: ActingAs = { actor: { type: "staff", id: "stf_1", label: "owner@example.com" } };

async function rejection<E>(promise: Promise<unknown>, type: new (...args: never[]) => E): Promise<E> {
  const err = await promise.then(() => undefined, (e) => e);
  assert.ok(err instanceof type, `expected ${type.name}, got ${err}`);
  return err as E;
}

Deno.test("a draft stores the totals engine's figures for its lines and copies the taxes it names", async () => {
  await withStudioDb(async (db) => {
    const client = await insertClient(db);
    const vat = await insertTaxRate(db, { name: "VAT", rate: "19" });
    const doc = await createDraft(db, "invoice", {
      clientId: client.id,
      lines: [{ description: "Mixing", quantity: "1", unitPrice: 100000, taxRateIds: [vat.id] }],
    }, acting);
    assert.equal(doc.status, "draft");
    assert.equal(doc.number, null);
    assert.equal(doc.currency, "EUR", "the studio's currency when the client has none");
    assert.equal(doc.total, 119000, "1,000.00 + 19% = 1,190.00");
    assert.deepEqual(doc.lines[0].taxes, [{ id: vat.id, name: "VAT", rate: "19", compound: false }]);
    // A later change to the rate never touches the draft's copy.
    await db.execute(sql`UPDATE tax_rates SET rate = '21' WHERE id = ${vat.id}`);
    assert.equal((await getDocument(db, doc.id)).lines[0].taxes[0].rate, "19");
    const [audit] = await listAudit(db, { entityType: "invoice" });
    assert.equal(audit.action, "invoice.created");
  });
});

Deno.test("bad drafts name the field: unknown tax, foreign currency without a rate, bad quantity", async () => {
  await withStudioDb(async (db) => {
    const client = await insertClient(db, { currency: "USD" });
    const line = { description: "Mastering", quantity: "2", unitPrice: 5000 };
    let err = await rejection(
      createDraft(db, "invoice", {
        clientId: client.id,
        currency: "EUR",
        lines: [{ ...line, taxRateIds: ["tax_nope"] }],
      }, acting),
      ValidationError,
    );
    assert.deepEqual(Object.keys(err.fields), ["lines.0.taxRateIds"]);
    err = await rejection(
      createDraft(db, "invoice", { clientId: client.id, lines: [line] }, acting),
      ValidationError,
    );
    assert.match(err.fields.currency, /no exchange rate from USD to EUR/);
    err = await rejection(
      createDraft(db, "invoice", {
        clientId: client.id,
        currency: "EUR",
        lines: [{ ...line, quantity: "two" }],
      }, acting),
      ValidationError,
    );
    assert.deepEqual(Object.keys(err.fields), ["lines.0.quantity"]);
    const [{ count }] = await db.select({ count: sql<number>`count(*)::int` }).from(billingDocuments);
    assert.equal(count, 0, "nothing half-written");
  });
});

Deno.test("a document in the client's currency stores the rate and its total in the base currency", async () => {
  await withStudioDb(async (db) => {
    const client = await insertClient(db, { currency: "USD" });
    await db.insert(exchangeRates).values({ currency: "USD", rate: "0.9" });
    const doc = await createDraft(db, "invoice", {
      clientId: client.id,
      lines: [{ description: "Day rate", quantity: "1", unitPrice: 100000 }],
    }, acting);
    assert.equal(doc.currency, "USD");
    assert.equal(doc.exchangeRate, "0.9");
    assert.equal(doc.totalInBase, 90000);
  });
});

Deno.test("issuing numbers invoices in order, freezes the document, and the database refuses edits too", async () => {
  await withStudioDb(async (db) => {
    const client = await insertClient(db, { name: "Nova Records", city: "Lyon", postalCode: "69001" });
    const input = { clientId: client.id, lines: [{ description: "Room", quantity: "4", unitPrice: 5000 }] };
    const first = await createDraft(db, "invoice", input, acting);
    const second = await createDraft(db, "invoice", input, acting);
    const now = new Date("2026-12-31T23:30:00Z"); // already 2027 in Paris
    const a = await issueDocument(db, first.id, first.version, acting, { now });
    const b = await issueDocument(db, second.id, second.version, acting, { now });
    assert.deepEqual([a.number, b.number], ["INV-2027-0001", "INV-2027-0002"]);
    assert.equal(a.issueDate, "2027-01-01");
    assert.equal(a.dueDate, "2027-01-31", "30 days' terms by default");
    assert.deepEqual(a.clientSnapshot?.addressLines, ["69001 Lyon"]);

    await rejection(updateDraft(db, a.id, a.version, input, acting), ConflictError);
    await rejection(deleteDraft(db, a.id, a.version, acting), ConflictError);
    await rejection(issueDocument(db, a.id, a.version, acting), ConflictError);
    const direct = await db.update(billingDocuments).set({ total: 1 }).where(eq(billingDocuments.id, a.id))
      .then(() => undefined, (e) => e);
    assert.equal(pgError(direct)?.constraint, "billing_documents_frozen");
    const line = await db.update(documentLines).set({ unitPrice: 1 }).where(
      eq(documentLines.documentId, a.id),
    )
      .then(() => undefined, (e) => e);
    assert.equal(pgError(line)?.constraint, "billing_documents_frozen");
    const payment = await db.update(billingDocuments).set({ amountPaid: 100, status: "partially_paid" })
      .where(eq(billingDocuments.id, a.id)).returning();
    assert.equal(payment[0].amountPaid, 100, "payment-side columns still move");
  });
});

Deno.test("a stale page cannot overwrite a draft; deleting a draft removes its lines", async () => {
  await withStudioDb(async (db) => {
    const client = await insertClient(db);
    const doc = await createDraft(db, "quote", {
      clientId: client.id,
      lines: [{ description: "Vocal session", quantity: "3", unitPrice: 6000 }],
    }, acting);
    const changed = await updateDraft(db, doc.id, doc.version, {
      clientId: client.id,
      lines: [{ description: "Vocal session", quantity: "4", unitPrice: 6000 }],
    }, acting);
    assert.equal(changed.total, 24000);
    await rejection(
      updateDraft(db, doc.id, doc.version, { clientId: client.id, lines: [] }, acting),
      ConflictError,
    );
    await deleteDraft(db, doc.id, changed.version, acting);
    const lines = await db.select().from(documentLines).where(eq(documentLines.documentId, doc.id));
    assert.equal(lines.length, 0);
  });
});

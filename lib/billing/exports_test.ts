import assert from "node:assert/strict";
import type { ActingAs } from "../audit/audit.ts";
import { ValidationError } from "../errors.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { insertTaxRate } from "../testing/billing_fixtures.ts";
import { insertClient, withStudioDb } from "../testing/scheduling_fixtures.ts";
import { createDraft } from "./documents.ts";
import { exportCsv, parsePeriod } from "./exports.ts";
import { issueDocument } from "./issue.ts";
import { recordPayment, voidPayment } from "./payments.ts";

const acting: ActingAs = { actor: { type: "staff", id: "stf_1", label: "books@example.com" } };

async function issue(
  db: TenantDb,
  kind: "invoice" | "credit_note",
  input: Parameters<typeof createDraft>[2],
  at: string,
  related?: string,
) {
  const draft = await createDraft(db, kind, input, acting, { relatedDocumentId: related });
  return await issueDocument(db, draft.id, draft.version, acting, { now: new Date(at) });
}

// Response.text() would drop the byte order mark the file starts with.
const csv = async (stream: ReadableStream<Uint8Array>) =>
  new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());
const rows = (text: string) => text.replace(/^\uFEFF/, "").trimEnd().split("\r\n").map((l) => l.split(","));

Deno.test("the accountants' exports list a period's invoices, credit notes and payments as decimals", async () => {
  await withStudioDb(async (db) => {
    const vat = await insertTaxRate(db, { rate: "20" });
    const label = await insertClient(db, { name: "=Nova Records", taxId: "FR12345678901" });
    const line = { description: "Mixing", quantity: "1", unitPrice: 100000, taxRateIds: [vat.id] };
    await issue(db, "invoice", { clientId: label.id, lines: [line] }, "2026-05-31T10:00:00Z"); // May: left out
    const june = await issue(
      db,
      "invoice",
      { clientId: label.id, lines: [line, line] },
      "2026-06-03T10:00:00Z",
    );
    await issue(
      db,
      "credit_note",
      { clientId: label.id, lines: [{ ...line, unitPrice: 10000 }] },
      "2026-06-05T10:00:00Z",
      june.id,
    );
    await recordPayment(db, {
      documentId: june.id,
      method: "transfer",
      amount: 50000,
      currency: "EUR",
      receivedOn: "2026-06-10",
      reference: "VIR, 42",
    }, acting);
    const mistake = await recordPayment(db, {
      documentId: june.id,
      method: "cash",
      amount: 100,
      currency: "EUR",
      receivedOn: "2026-06-11",
    }, acting);
    await voidPayment(db, mistake.payment.id, "typo", acting);

    const period = { from: "2026-06-01", to: "2026-06-30" };
    const invoices = await csv(exportCsv(db, "invoices", period));
    assert.ok(
      invoices.startsWith(
        "\uFEFFnumber,kind,issue_date,due_date,client,client_tax_id,currency,net,tax,total,",
      ),
    );
    const [, invoice, ...none] = rows(invoices);
    assert.equal(none.length, 0, "one invoice in June");
    assert.deepEqual(invoice, [
      "INV-2026-0002",
      "invoice",
      "2026-06-03",
      "2026-07-03",
      "'=Nova Records",
      "FR12345678901",
      "EUR",
      "2000.00",
      "400.00",
      "2400.00",
      "0.00",
      "1",
      "EUR",
      "2400.00",
      "500.00",
      "0.00",
      "1900.00",
      "partially_paid",
    ]);

    const [header, note] = rows(await csv(exportCsv(db, "credit-notes", period)));
    assert.equal(header[2], "invoice_number");
    assert.deepEqual(note.slice(0, 3), ["CN-2026-0001", "2026-06-05", "INV-2026-0002"]);
    assert.deepEqual(note.slice(6, 9), ["100.00", "20.00", "120.00"]);

    const payments = await csv(exportCsv(db, "payments", period));
    assert.equal(
      payments,
      "\uFEFFdate,method,reference,client,invoice_number,amount,currency,note\r\n" +
        '2026-06-10,transfer,"VIR, 42",\'=Nova Records,INV-2026-0002,500.00,EUR,\r\n',
      "the voided payment is left out",
    );
  });
});

Deno.test("a period needs two dates in order", () => {
  assert.deepEqual(parsePeriod(new URLSearchParams("from=2026-01-01&to=2026-03-31")), {
    from: "2026-01-01",
    to: "2026-03-31",
  });
  for (const query of ["", "from=2026-01-01", "from=2026-02-01&to=2026-01-01", "from=x&to=2026-01-01"]) {
    assert.throws(() => parsePeriod(new URLSearchParams(query)), ValidationError, query);
  }
});

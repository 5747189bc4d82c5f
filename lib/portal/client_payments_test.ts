import assert from "node:assert/strict";
import { exchangeRates } from "../../db/schema/mod.ts";
import type { ActingAs } from "../audit/audit.ts";
import { createDraft } from "../billing/documents.ts";
import { issueDocument } from "../billing/issue.ts";
import { applyCredit, recordPayment, refundPayment, voidPayment } from "../billing/payments.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { insertClient, withStudioDb } from "../testing/scheduling_fixtures.ts";
import { clientPayments } from "./client_payments.ts";

const acting: ActingAs = { actor: { type: "staff", id: "stf_1" } };

async function issuedInvoice(db: TenantDb, clientId: string, total: number, currency = "EUR") {
  const draft = await createDraft(db, "invoice", {
    clientId,
    currency,
    lines: [{ description: "Mixing", quantity: "1", unitPrice: total }],
  }, acting);
  return await issueDocument(db, draft.id, draft.version, acting);
}

const paid = (documentId: string, amount: number, receivedOn: string, currency = "EUR") => ({
  documentId,
  method: "transfer" as const,
  amount,
  currency,
  receivedOn,
});

Deno.test("a client's history lists their payments and refunds newest first, refunds negative, with the invoice", async () => {
  await withStudioDb(async (db) => {
    const nina = await insertClient(db, { name: "Nina" });
    const invoice = await issuedInvoice(db, nina.id, 100_000);
    await recordPayment(db, paid(invoice.id, 40_000, "2026-06-01"), acting);
    const second = await recordPayment(
      db,
      { ...paid(invoice.id, 60_000, "2026-06-03"), method: "cash" },
      acting,
    );
    await refundPayment(
      db,
      second.payment.id,
      { amount: 10_000, method: "cash", paidOn: "2026-06-05" },
      acting,
    );

    const history = await clientPayments(db, nina.id);
    assert.deepEqual(
      history.lines.map((l) => [l.receivedOn, l.method, l.amount, l.refund, l.invoice?.number]),
      [
        ["2026-06-05", "cash", -10_000, true, invoice.number],
        ["2026-06-03", "cash", 60_000, false, invoice.number],
        ["2026-06-01", "transfer", 40_000, false, invoice.number],
      ],
    );
    assert.equal(history.lines[0].invoice?.id, invoice.id);
    assert.deepEqual(history.totals, [{ currency: "EUR", amount: 90_000 }]);
    assert.equal(history.more, false);
  });
});

Deno.test("another client's payments never appear, and voided payments are left out", async () => {
  await withStudioDb(async (db) => {
    const nina = await insertClient(db, { name: "Nina" });
    const other = await insertClient(db, { name: "Other" });
    const mine = await issuedInvoice(db, nina.id, 50_000);
    const theirs = await issuedInvoice(db, other.id, 70_000);
    await recordPayment(db, paid(theirs.id, 70_000, "2026-06-02"), acting);
    const mistake = await recordPayment(db, paid(mine.id, 50_000, "2026-06-02"), acting);
    await voidPayment(db, mistake.payment.id, "typed on the wrong invoice", acting);

    assert.deepEqual(await clientPayments(db, nina.id), { lines: [], totals: [], more: false });
    assert.equal((await clientPayments(db, other.id)).lines.length, 1);
  });
});

Deno.test("totals are per currency, and credit used on an invoice is listed but not counted twice", async () => {
  await withStudioDb(async (db) => {
    const nina = await insertClient(db, { name: "Nina" });
    const first = await issuedInvoice(db, nina.id, 30_000);
    const second = await issuedInvoice(db, nina.id, 20_000);
    await db.insert(exchangeRates).values({ currency: "USD", rate: "0.9" });
    const dollars = await issuedInvoice(db, nina.id, 5_000, "USD");
    // 50 000 paid against a 30 000 invoice: 20 000 becomes credit, later used on the second invoice.
    await recordPayment(db, paid(first.id, 50_000, "2026-06-01"), acting);
    await applyCredit(db, second.id, undefined, acting);
    await recordPayment(db, paid(dollars.id, 5_000, "2026-06-02", "USD"), acting);

    const history = await clientPayments(db, nina.id);
    assert.deepEqual(history.lines.map((l) => l.method).toSorted(), ["credit", "transfer", "transfer"]);
    assert.deepEqual(history.totals, [{ currency: "EUR", amount: 50_000 }, {
      currency: "USD",
      amount: 5_000,
    }]);
  });
});

Deno.test("a long history is cut at the limit and says there is more", async () => {
  await withStudioDb(async (db) => {
    const nina = await insertClient(db, { name: "Nina" });
    const invoice = await issuedInvoice(db, nina.id, 100_000);
    for (const day of ["01", "02", "03"]) {
      await recordPayment(db, paid(invoice.id, 1_000, `2026-06-${day}`), acting);
    }
    const history = await clientPayments(db, nina.id, 2);
    assert.deepEqual(history.lines.map((l) => l.receivedOn), ["2026-06-03", "2026-06-02"]);
    assert.equal(history.more, true);
    assert.deepEqual(history.totals, [{ currency: "EUR", amount: 3_000 }], "totals cover the whole history");
  });
});

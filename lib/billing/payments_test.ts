import assert from "node:assert/strict";
import { listAudit } from "../audit/audit.ts";
import type { ActingAs } from "../audit/audit.ts";
import { ConflictError, ValidationError } from "../errors.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { insertClient, withStudioDb } from "../testing/scheduling_fixtures.ts";
import { createDraft, getDocument } from "./documents.ts";
import { issueDocument } from "./issue.ts";
import {
  applyCredit,
  clientCreditBalance,
  listPayments,
  paymentTotals,
  recordPayment,
  refundPayment,
  voidPayment,
} from "./payments.ts";

const acting: ActingAs = { actor: { type: "staff", id: "stf_1", label: "books@example.com" } };
const ON = "2026-06-02";

async function rejection<E>(promise: Promise<unknown>, type: new (...args: never[]) => E): Promise<E> {
  const err = await promise.then(() => undefined, (e) => e);
  assert.ok(err instanceof type, `expected ${type.name}, got ${err}`);
  return err as E;
}

/** An issued invoice of `total` minor units (no tax) for a new client, or for `clientId`. */
async function issuedInvoice(db: TenantDb, total: number, clientId?: string) {
  const client = clientId ?? (await insertClient(db, { email: "ana@example.com" })).id;
  const draft = await createDraft(db, "invoice", {
    clientId: client,
    lines: [{ description: "Mixing", quantity: "1", unitPrice: total }],
  }, acting);
  return await issueDocument(db, draft.id, draft.version, acting, { now: new Date("2026-06-01T10:00:00Z") });
}

const transfer = (documentId: string, amount: number) => ({
  documentId,
  method: "transfer" as const,
  amount,
  currency: "EUR",
  receivedOn: ON,
});

Deno.test("a part payment then the rest: issued → partially paid → paid, with the paid date", async () => {
  await withStudioDb(async (db) => {
    const invoice = await issuedInvoice(db, 100000);
    const first = await recordPayment(db, { ...transfer(invoice.id, 40000), reference: "VIR 1" }, acting);
    assert.equal(first.document?.status, "partially_paid");
    assert.equal(first.document?.amountPaid, 40000);
    assert.equal(first.document?.paidAt, null);
    assert.equal(first.credit, 0);
    const second = await recordPayment(db, transfer(invoice.id, 60000), acting);
    assert.equal(second.document?.status, "paid");
    assert.equal(second.document?.amountPaid, 100000);
    assert.ok(second.document?.paidAt instanceof Date);
    const audit = await listAudit(db, { action: "payment.recorded" });
    assert.equal(audit.length, 2);
    assert.deepEqual(audit.at(-1)?.changes?.status, { before: "issued", after: "partially_paid" });
  });
});

Deno.test("an overpayment pays the balance and the rest becomes client credit", async () => {
  await withStudioDb(async (db) => {
    const invoice = await issuedInvoice(db, 10000);
    const result = await recordPayment(db, transfer(invoice.id, 15000), acting);
    assert.equal(result.document?.amountPaid, 10000);
    assert.equal(result.document?.status, "paid");
    assert.equal(result.credit, 5000);
    assert.equal(await clientCreditBalance(db, invoice.clientId, "EUR"), 5000);
    assert.equal(await clientCreditBalance(db, invoice.clientId, "USD"), 0, "credit is per currency");
    // A payment on an invoice already paid is all credit.
    await recordPayment(db, transfer(invoice.id, 700), acting);
    assert.equal(await clientCreditBalance(db, invoice.clientId, "EUR"), 5700);
  });
});

Deno.test("money without an invoice is credit, and credit pays a later invoice", async () => {
  await withStudioDb(async (db) => {
    const client = await insertClient(db);
    await recordPayment(db, {
      clientId: client.id,
      method: "cash",
      amount: 30000,
      currency: "EUR",
      receivedOn: ON,
    }, acting);
    assert.equal(await clientCreditBalance(db, client.id, "EUR"), 30000);
    const invoice = await issuedInvoice(db, 50000, client.id);
    const applied = await applyCredit(db, invoice.id, undefined, acting, { today: ON });
    assert.equal(applied.payment.method, "credit");
    assert.equal(applied.payment.amount, 30000, "as much as the credit allows");
    assert.equal(applied.document?.status, "partially_paid");
    assert.equal(await clientCreditBalance(db, client.id, "EUR"), 0);
    const err = await rejection(applyCredit(db, invoice.id, undefined, acting), ValidationError);
    assert.match(err.fields.amount, /no credit in EUR/);
    const [audit] = await listAudit(db, { action: "credit.applied" });
    assert.equal(audit.entityId, applied.payment.id);
  });
});

Deno.test("applying more credit than held or than due is refused on the amount", async () => {
  await withStudioDb(async (db) => {
    const invoice = await issuedInvoice(db, 10000);
    await recordPayment(db, {
      clientId: invoice.clientId,
      method: "cash",
      amount: 20000,
      currency: "EUR",
      receivedOn: ON,
    }, acting);
    const err = await rejection(applyCredit(db, invoice.id, 15000, acting), ValidationError);
    assert.match(err.fields.amount, /At most €100\.00/);
    const paid = await applyCredit(db, invoice.id, 10000, acting);
    assert.equal(paid.document?.status, "paid");
    assert.equal(await clientCreditBalance(db, invoice.clientId, "EUR"), 10000);
  });
});

Deno.test("a refund is a negative payment that reopens the invoice; more than was paid is refused", async () => {
  await withStudioDb(async (db) => {
    const invoice = await issuedInvoice(db, 10000);
    const { payment } = await recordPayment(
      db,
      { ...transfer(invoice.id, 10000), reference: "VIR 9" },
      acting,
    );
    const err = await rejection(
      refundPayment(db, payment.id, { amount: 10001, method: "transfer" }, acting),
      ValidationError,
    );
    assert.match(err.fields.amount, /At most €100\.00/);
    const refund = await refundPayment(db, payment.id, {
      amount: 2500,
      method: "transfer",
      note: "Cut track",
    }, acting);
    assert.equal(refund.payment.amount, -2500);
    assert.equal(refund.payment.documentId, invoice.id);
    assert.equal(refund.payment.reference, "Refund of VIR 9");
    assert.equal(refund.document?.amountPaid, 7500);
    assert.equal(refund.document?.status, "partially_paid");
    assert.equal(refund.document?.paidAt, null);
    await rejection(
      refundPayment(db, refund.payment.id, { amount: 1, method: "cash" }, acting),
      ConflictError,
    );
    const [audit] = await listAudit(db, { action: "payment.refunded" });
    assert.deepEqual(audit.changes?.refundOf, { after: payment.id });
  });
});

Deno.test("refunds of one payment never add up to more than it, whatever else the invoice holds", async () => {
  await withStudioDb(async (db) => {
    const invoice = await issuedInvoice(db, 10000);
    const first = await recordPayment(db, transfer(invoice.id, 4000), acting);
    await recordPayment(db, transfer(invoice.id, 6000), acting);
    const refund = await refundPayment(db, first.payment.id, { amount: 3000, method: "transfer" }, acting);
    assert.equal(refund.payment.refundOf, first.payment.id);
    const err = await rejection(
      refundPayment(db, first.payment.id, { amount: 1500, method: "transfer" }, acting),
      ValidationError,
    );
    assert.match(err.fields.amount, /At most €10\.00/);
    const rest = await refundPayment(db, first.payment.id, { amount: 1000, method: "transfer" }, acting);
    assert.equal(rest.document?.amountPaid, 6000);
  });
});

Deno.test("refunding an overpayment returns the credit first and leaves the invoice paid", async () => {
  await withStudioDb(async (db) => {
    const invoice = await issuedInvoice(db, 10000);
    const { payment } = await recordPayment(db, transfer(invoice.id, 12000), acting);
    const refund = await refundPayment(db, payment.id, { amount: 2000, method: "transfer" }, acting);
    assert.equal(refund.credit, -2000);
    assert.equal(refund.document?.status, "paid");
    assert.equal(await clientCreditBalance(db, invoice.clientId, "EUR"), 0);
  });
});

Deno.test("voiding reverses a payment's effect on the invoice and on credit", async () => {
  await withStudioDb(async (db) => {
    const invoice = await issuedInvoice(db, 10000);
    const { payment } = await recordPayment(db, transfer(invoice.id, 13000), acting);
    await rejection(voidPayment(db, payment.id, "  ", acting), ValidationError);
    const voided = await voidPayment(db, payment.id, "Typed on the wrong invoice", acting);
    assert.ok(voided.payment.voidedAt);
    assert.equal(voided.payment.voidReason, "Typed on the wrong invoice");
    assert.equal(voided.document?.amountPaid, 0);
    assert.equal(voided.document?.status, "issued");
    assert.equal(await clientCreditBalance(db, invoice.clientId, "EUR"), 0);
    await rejection(voidPayment(db, payment.id, "again", acting), ConflictError);
    const [audit] = await listAudit(db, { action: "payment.voided" });
    assert.deepEqual(audit.changes?.voidReason, { after: "Typed on the wrong invoice" });
  });
});

Deno.test("a payment whose credit was spent, or whose invoice was refunded, cannot be voided first", async () => {
  await withStudioDb(async (db) => {
    const first = await issuedInvoice(db, 10000);
    const second = await issuedInvoice(db, 5000, first.clientId);
    const { payment } = await recordPayment(db, transfer(first.id, 15000), acting);
    const applied = await applyCredit(db, second.id, undefined, acting);
    assert.equal((await getDocument(db, second.id)).status, "paid");
    const err = await rejection(voidPayment(db, payment.id, "mistake", acting), ConflictError);
    assert.match(err.message, /credit this payment left has been used/);
    // Undo in order: the credit application, then the payment.
    const undone = await voidPayment(db, applied.payment.id, "mistake", acting);
    assert.equal(undone.document?.status, "issued");
    assert.equal(await clientCreditBalance(db, first.clientId, "EUR"), 5000);
    await voidPayment(db, payment.id, "mistake", acting);
    assert.equal(await clientCreditBalance(db, first.clientId, "EUR"), 0);
    assert.equal((await getDocument(db, first.id)).amountPaid, 0);

    const third = await issuedInvoice(db, 10000, first.clientId);
    const paid = await recordPayment(db, transfer(third.id, 10000), acting);
    const again = await recordPayment(db, transfer(third.id, 1), acting);
    assert.equal(again.credit, 1);
    const refund = await refundPayment(db, paid.payment.id, { amount: 10000, method: "transfer" }, acting);
    assert.equal(refund.document?.amountPaid, 0);
    await rejection(voidPayment(db, paid.payment.id, "mistake", acting), ConflictError);
    await voidPayment(db, refund.payment.id, "refund never sent", acting);
    assert.equal((await getDocument(db, third.id)).status, "paid");
  });
});

Deno.test("bad payments are refused with field errors and nothing is written", async () => {
  await withStudioDb(async (db) => {
    const invoice = await issuedInvoice(db, 10000);
    const draft = await createDraft(db, "invoice", {
      clientId: invoice.clientId,
      lines: [{ description: "Room", quantity: "1", unitPrice: 100 }],
    }, acting);
    const quote = await createDraft(db, "quote", {
      clientId: invoice.clientId,
      lines: [{ description: "Room", quantity: "1", unitPrice: 100 }],
    }, acting);
    const cases: [Record<string, unknown>, string][] = [
      [{ amount: 0 }, "amount"],
      [{ amount: -5 }, "amount"],
      [{ amount: 12.5 }, "amount"],
      [{ currency: "USD" }, "currency"],
      [{ currency: "XYZ" }, "currency"],
      [{ method: "credit" }, "method"],
      [{ receivedOn: "02/06/2026" }, "receivedOn"],
      [{ documentId: draft.id }, "documentId"],
      [{ documentId: quote.id }, "documentId"],
      [{ documentId: "inv_missing" }, "documentId"],
      [{ clientId: (await insertClient(db)).id }, "clientId"],
      [{ documentId: null }, "clientId"],
    ];
    for (const [change, field] of cases) {
      const err = await rejection(
        recordPayment(db, { ...transfer(invoice.id, 1000), ...change } as never, acting),
        ValidationError,
      );
      assert.deepEqual(Object.keys(err.fields), [field], JSON.stringify(change));
    }
    assert.equal((await listPayments(db, { from: "2000-01-01", to: "2100-01-01", limit: 10 })).length, 0);
  });
});

Deno.test("payments of a period list newest first, page by keyset, and total per currency", async () => {
  await withStudioDb(async (db) => {
    const invoice = await issuedInvoice(db, 100000);
    for (
      const [day, amount] of [["2026-05-31", 100], ["2026-06-01", 200], ["2026-06-02", 300], [
        "2026-06-02",
        400,
      ]]
    ) {
      await recordPayment(
        db,
        { ...transfer(invoice.id, amount as number), receivedOn: day as string },
        acting,
      );
    }
    const cash = await recordPayment(db, { ...transfer(invoice.id, 50), method: "cash" }, acting);
    await voidPayment(db, cash.payment.id, "duplicate", acting);
    const filter = { from: "2026-06-01", to: "2026-06-30" };
    const first = await listPayments(db, { ...filter, limit: 2 });
    assert.equal(first.length, 2);
    assert.equal(first[0].receivedOn, "2026-06-02");
    assert.equal(first[0].documentNumber, invoice.number);
    const last = first.at(-1)!;
    const rest = await listPayments(db, {
      ...filter,
      limit: 10,
      after: { receivedOn: last.receivedOn, id: last.id },
    });
    assert.deepEqual(
      [...first, ...rest].map((p) => p.amount).sort((a, b) => a - b),
      [50, 200, 300, 400],
      "May's payment is outside the period; the voided one is listed",
    );
    assert.deepEqual((await listPayments(db, { ...filter, method: "cash", limit: 10 })).length, 1);
    assert.deepEqual(await paymentTotals(db, filter), [
      { currency: "EUR", received: 900, refunded: 0, count: 3 },
    ]);
  });
});

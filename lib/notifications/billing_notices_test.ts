import assert from "node:assert/strict";
import type { ActingAs } from "../audit/audit.ts";
import { createDraft } from "../billing/documents.ts";
import { issueDocument } from "../billing/issue.ts";
import { recordPayment, refundPayment } from "../billing/payments.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { capturingMailer } from "../testing/capturing_mailer.ts";
import { insertClient, withStudioDb } from "../testing/scheduling_fixtures.ts";
import { notifyInvoiceIssued, notifyPayment } from "./billing_notices.ts";

const acting: ActingAs = { actor: { type: "system" } };

/** An 800.00 EUR invoice issued 1 June 2026 (30 days' terms) to a client with the given fields. */
async function invoiceFor(db: TenantDb, fields: Parameters<typeof insertClient>[1]) {
  const client = await insertClient(db, fields);
  const draft = await createDraft(db, "invoice", {
    clientId: client.id,
    lines: [{ description: "Mix", quantity: "1", unitPrice: 80000 }],
  }, acting);
  const invoice = await issueDocument(db, draft.id, draft.version, acting, {
    now: new Date("2026-06-01T10:00:00Z"),
  });
  return { client, invoice };
}

const pay = (db: TenantDb, documentId: string | null, amount: number, clientId?: string) =>
  recordPayment(db, {
    documentId,
    clientId,
    method: "transfer",
    amount,
    currency: "EUR",
    receivedOn: "2026-06-20",
  }, acting);

Deno.test("a receipt names the amount, the invoice it paid and what is left, in the client's language", async () => {
  await withStudioDb(async (db) => {
    const { invoice } = await invoiceFor(db, { name: "Ana", email: "ana@example.com", locale: "fr" });
    const { mailer, sent } = capturingMailer();
    const first = await pay(db, invoice.id, 30000);
    assert.equal(await notifyPayment(mailer, db, first.payment.id), true);
    const [mail] = sent;
    assert.equal(mail.to, "ana@example.com");
    assert.equal(mail.subject, "Reçu de Test Studio\u00a0: paiement de 300,00\u00a0€");
    assert.match(mail.text, /Test Studio a bien reçu votre paiement de 300,00\u00a0€ le 20 juin 2026\./);
    assert.match(
      mail.text,
      new RegExp(`Reste à payer sur la facture ${invoice.number}\u00a0: 500,00\u00a0€\\.`),
    );
  });
});

Deno.test("a receipt for the last payment says the invoice is paid, and what above it became credit", async () => {
  await withStudioDb(async (db) => {
    const { invoice } = await invoiceFor(db, { name: "Bo", email: "bo@example.com" });
    const { mailer, sent } = capturingMailer();
    const result = await pay(db, invoice.id, 90000);
    await notifyPayment(mailer, db, result.payment.id);
    assert.equal(sent[0].subject, "Receipt: €900.00 received by Test Studio");
    assert.match(sent[0].text, new RegExp(`invoice ${invoice.number} is now paid in full\\.`));
    assert.match(sent[0].text, /€100\.00 above what was due is kept as credit on your account\./);
  });
});

Deno.test("money without an invoice is receipted as credit; refunds and address-less clients get nothing", async () => {
  await withStudioDb(async (db) => {
    const ana = await insertClient(db, { name: "Ana", email: "ana@example.com" });
    const silent = await insertClient(db, { name: "No Mail" });
    const { mailer, sent } = capturingMailer();
    const credit = await pay(db, null, 5000, ana.id);
    assert.equal(await notifyPayment(mailer, db, credit.payment.id), true);
    assert.match(sent[0].text, /It is kept as credit on your account with Test Studio\./);
    const refund = await refundPayment(db, credit.payment.id, { amount: 5000, method: "transfer" }, acting);
    assert.equal(await notifyPayment(mailer, db, refund.payment.id), false);
    const unaddressed = await pay(db, null, 5000, silent.id);
    assert.equal(await notifyPayment(mailer, db, unaddressed.payment.id), false);
    assert.equal(sent.length, 1);
  });
});

Deno.test("an issued invoice is sent with its number, total, due date and the caller's link", async () => {
  await withStudioDb(async (db) => {
    const { invoice } = await invoiceFor(db, { name: "Ana", email: "ana@example.com", locale: "fr" });
    const { mailer, sent } = capturingMailer();
    const link = "https://north.example/portal/invoices/x";
    assert.equal(await notifyInvoiceIssued(mailer, db, invoice.id, link), true);
    const [mail] = sent;
    assert.equal(mail.subject, `Facture ${invoice.number} de Test Studio`);
    assert.match(mail.text, new RegExp(`la facture ${invoice.number} d’un montant de 800,00\u00a0€\\.`));
    assert.match(mail.text, /À régler avant le 1 juillet 2026\./);
    assert.match(mail.text, /Voir la facture\u00a0:\nhttps:\/\/north\.example\/portal\/invoices\/x/);
    assert.match(mail.html!, /href="https:\/\/north\.example\/portal\/invoices\/x"/);
  });
});

Deno.test("a draft cannot be announced, and a client without an address is skipped", async () => {
  await withStudioDb(async (db) => {
    const client = await insertClient(db, { name: "No Mail" });
    const { mailer, sent } = capturingMailer();
    const draft = await createDraft(db, "invoice", {
      clientId: client.id,
      lines: [{ description: "Mix", quantity: "1", unitPrice: 80000 }],
    }, acting);
    await assert.rejects(notifyInvoiceIssued(mailer, db, draft.id, "https://x"), /No such issued invoice/);
    const issued = await issueDocument(db, draft.id, draft.version, acting);
    assert.equal(await notifyInvoiceIssued(mailer, db, issued.id, "https://x"), false);
    assert.equal(sent.length, 0);
  });
});

// Refunding a payment through the real app: the invoice page links each payment to its refund page,
// the form defaults to what is left to refund, a refund reopens the invoice, refused input comes back
// beside the field in English or French, and payments the page cannot refund say why.
import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import { auditLog } from "@/db/schema/mod.ts";
import { createDraft, getDocument } from "@/lib/billing/documents.ts";
import { issueDocument } from "@/lib/billing/issue.ts";
import {
  applyCredit,
  clientCreditBalance,
  insertPayment,
  paymentsOf,
  recordPayment,
  voidPayment,
} from "@/lib/billing/payments.ts";
import { provisionStudio } from "@/lib/tenancy/provision.ts";
import type { TenantDb } from "@/lib/tenancy/tenant_db.ts";
import { insertClient } from "@/lib/testing/scheduling_fixtures.ts";
import { signedInCookie } from "@/lib/testing/staff_session.ts";
import { testApp } from "@/lib/testing/test_app.ts";

const BASE = "/s/north";
const ACTING = { actor: { type: "system" as const } };

/** North Sound with a €1,200.00 invoice paid by a €500.00 transfer and a €700.00 cheque. */
async function setup(locale: "en" | "fr" = "en") {
  const t = await testApp();
  const tenant = await provisionStudio(t.tenancy, {
    slug: "north",
    name: "North Sound",
    timezone: "Europe/Paris",
    currency: "EUR",
    locale,
  });
  const cookie = (role: "bookkeeper" | "engineer") =>
    signedInCookie(t.kv, tenant, { base: BASE, role, email: `${role}@example.com` });
  const inDb = <T>(fn: (db: TenantDb) => Promise<T>) => t.tenancy.pool.use(tenant.database, fn);
  const { invoice, transfer, cheque } = await inDb(async (db) => {
    const client = await insertClient(db, { name: "Nova Records" });
    const draft = await createDraft(db, "invoice", {
      clientId: client.id,
      lines: [{ description: "Album mix", quantity: "1", unitPrice: 120000 }],
    }, ACTING);
    const invoice = await issueDocument(db, draft.id, draft.version, ACTING);
    const pay = (method: "transfer" | "cheque", amount: number, reference: string | null) =>
      recordPayment(db, {
        documentId: invoice.id,
        method,
        amount,
        currency: "EUR",
        receivedOn: "2026-06-02",
        reference,
      }, ACTING);
    const transfer = (await pay("transfer", 50000, "VIR 1")).payment;
    const cheque = (await pay("cheque", 70000, null)).payment;
    return { invoice, transfer, cheque };
  });
  return {
    t,
    bookkeeper: await cookie("bookkeeper"),
    engineer: await cookie("engineer"),
    inDb,
    invoice,
    transfer,
    cheque,
  };
}

type App = Awaited<ReturnType<typeof testApp>>;

const get = (t: App, path: string, cookie: string, language = "en") =>
  t.app.request(`${BASE}${path}`, { headers: { cookie, "accept-language": language } });

const post = (t: App, path: string, fields: Record<string, string>, cookie: string, language = "en") =>
  t.app.request(`${BASE}${path}`, {
    method: "POST",
    headers: {
      origin: "http://localhost",
      "accept-language": language,
      cookie,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams(fields),
  });

const refundFields = (amount: string) => ({
  amount,
  method: "transfer",
  paidOn: "2026-06-20",
  reason: "Second day of mixing cancelled",
});

Deno.test("a bookkeeper refunds part of a payment from the invoice page: the invoice is partially paid again", async () => {
  const { t, bookkeeper, inDb, invoice, cheque } = await setup();
  await using _ = t;
  const invoicePage = await (await get(t, `/app/invoices/${invoice.id}`, bookkeeper)).text();
  assert.match(invoicePage, new RegExp(`href="${BASE}/app/payments/${cheque.id}/refund"`));

  const path = `/app/payments/${cheque.id}/refund`;
  const form = await get(t, path, bookkeeper);
  assert.equal(form.status, 200);
  const html = await form.text();
  assert.match(html, /Payment of €700\.00 received on/);
  assert.match(html, /Invoice INV-\d{4}-0001: Paid, balance due €0\.00\./);
  assert.match(
    html,
    /name="amount"[^>]*value="700\.00"|value="700\.00"[^>]*name="amount"/,
    "defaults to all of it",
  );
  assert.match(html, /At most €700\.00\./);

  const res = await post(t, path, refundFields("250.00"), bookkeeper);
  assert.equal(res.status, 303);
  assert.equal(
    res.headers.get("location"),
    `${BASE}/app/invoices/${invoice.id}?saved=refunded#payments-heading`,
  );
  const after = await inDb((db) => getDocument(db, invoice.id));
  assert.equal(after.status, "partially_paid");
  assert.equal(after.amountPaid, 95000);
  const refund = (await inDb((db) => paymentsOf(db, invoice.id))).find((p) => p.amount < 0)!;
  assert.equal(refund.amount, -25000);
  assert.equal(refund.refundOf, cheque.id);
  assert.equal(refund.method, "transfer");
  assert.equal(refund.receivedOn, "2026-06-20");
  assert.equal(refund.note, "Second day of mixing cancelled");
  const [audit] = await inDb((db) => db.select().from(auditLog).where(eq(auditLog.entityId, refund.id)));
  assert.equal(audit.action, "payment.refunded");
  assert.equal(audit.actorType, "staff");
  assert.deepEqual(audit.changes?.amountPaid, { before: 120000, after: 95000 });

  const shown = await (await get(t, `/app/invoices/${invoice.id}?saved=refunded`, bookkeeper)).text();
  assert.match(shown, /Refund recorded\./);
  assert.match(shown, /Balance due: €250\.00/);
  // The refund itself is not refunded again; the cheque still offers what is left of it.
  assert.doesNotMatch(shown, new RegExp(`/app/payments/${refund.id}/refund`));
  const again = await (await get(t, path, bookkeeper)).text();
  assert.match(again, /At most €450\.00\./);
});

Deno.test("refused refunds come back beside the field and change nothing", async () => {
  const { t, bookkeeper, engineer, inDb, invoice, transfer } = await setup();
  await using _ = t;
  const path = `/app/payments/${transfer.id}/refund`;
  assert.equal((await get(t, path, engineer)).status, 403);
  assert.equal((await post(t, path, refundFields("10.00"), engineer)).status, 403);

  let res = await post(t, path, refundFields("500.01"), bookkeeper);
  assert.equal(res.status, 422);
  let html = await res.text();
  assert.match(html, /The refund was not recorded:/);
  assert.match(html, /At most €500\.00 of this payment can be refunded\./);
  assert.match(html, /id="field-amount-error"[^>]*>At most €500\.00 of this payment/, "beside the field");

  res = await post(t, path, { ...refundFields("0"), paidOn: "2026-02-30x" }, bookkeeper);
  html = await res.text();
  assert.match(html, /Enter an amount above zero\./);
  assert.match(html, /Give the date the money was paid back\./);

  assert.equal((await inDb((db) => paymentsOf(db, invoice.id))).length, 2, "no refund was written");
  assert.equal((await inDb((db) => getDocument(db, invoice.id))).status, "paid");
});

Deno.test("a payment taken online is refunded in Stripe's dashboard when the studio is not connected here", async () => {
  const { t, bookkeeper, inDb, invoice, transfer } = await setup();
  await using _ = t;
  const online = await inDb(async (db) => {
    await voidPayment(db, transfer.id, "Recorded twice", ACTING);
    // Money taken online, as Stripe's ledger writes it (lib/stripe/ledger.ts).
    const { payment } = await db.transaction((tx) =>
      insertPayment(tx, null, {
        clientId: invoice.clientId,
        method: "stripe",
        amount: 9000,
        currency: "EUR",
        receivedOn: "2026-06-03",
        reference: "pi_test_1",
        note: null,
        externalId: "pi_test_1",
      }, ACTING)
    );
    return payment;
  });
  const path = `/app/payments/${online.id}/refund`;
  const html = await (await get(t, path, bookkeeper)).text();
  assert.match(html, /refund it in your Stripe dashboard/);
  assert.doesNotMatch(html, /Record the refund|Refund through Stripe/);
  const res = await post(t, path, refundFields("10.00"), bookkeeper);
  assert.equal(res.status, 409);
  assert.equal(
    await inDb((db) => clientCreditBalance(db, invoice.clientId, "EUR")),
    9000,
    "nothing refunded",
  );

  // The voided transfer cannot be refunded either, and says so.
  assert.match(
    await (await get(t, `/app/payments/${transfer.id}/refund`, bookkeeper)).text(),
    /This payment was voided: there is nothing to refund\./,
  );
});

Deno.test("refunding money held as credit, without an invoice, shows the client's credit left", async () => {
  const { t, bookkeeper, inDb, invoice } = await setup();
  await using _ = t;
  const { credit, applied } = await inDb(async (db) => {
    const credit = await recordPayment(db, {
      clientId: invoice.clientId,
      method: "cash",
      amount: 30000,
      currency: "EUR",
      receivedOn: "2026-06-04",
    }, ACTING);
    const draft = await createDraft(db, "invoice", {
      clientId: invoice.clientId,
      lines: [{ description: "Mastering", quantity: "1", unitPrice: 10000 }],
    }, ACTING);
    const second = await issueDocument(db, draft.id, draft.version, ACTING);
    const applied = await applyCredit(db, second.id, 10000, ACTING);
    return { credit: credit.payment, applied: applied.payment };
  });
  // Credit applied to an invoice is voided, not refunded.
  assert.match(
    await (await get(t, `/app/payments/${applied.id}/refund`, bookkeeper)).text(),
    /Credit applied to an invoice is not refunded/,
  );

  const path = `/app/payments/${credit.id}/refund`;
  const form = await (await get(t, path, bookkeeper)).text();
  assert.match(form, /taken as the client’s credit, without an invoice/);
  assert.match(form, /At most €200\.00\./, "€300.00 taken, €100.00 of it spent on an invoice");
  const res = await post(t, path, refundFields("150.00"), bookkeeper);
  assert.equal(res.status, 303);
  assert.equal(res.headers.get("location"), `${BASE}${path}?saved=refunded`);
  const done = await (await get(t, `${path}?saved=refunded`, bookkeeper)).text();
  assert.match(done, /Refund recorded\. The client’s credit in EUR is now €50\.00\./);
  assert.equal(await inDb((db) => clientCreditBalance(db, invoice.clientId, "EUR")), 5000);
});

Deno.test("a French studio reads French amounts and answers in French beside the fields", async () => {
  const { t, bookkeeper, inDb, invoice, transfer } = await setup("fr");
  await using _ = t;
  const path = `/app/payments/${transfer.id}/refund`;
  const form = await (await get(t, path, bookkeeper)).text();
  assert.match(form, /value="500,00"/, "the default amount as French staff type it");
  let res = await post(t, path, refundFields("1 000,00"), bookkeeper);
  assert.equal(res.status, 422);
  let html = await res.text();
  assert.match(html, /Au plus 500,00\s€ de ce paiement peuvent être remboursés\./);

  res = await post(t, path, { ...refundFields("deux cents"), reason: "", method: "barter" }, bookkeeper);
  assert.equal(res.status, 422);
  html = await res.text();
  assert.match(html, /Indiquez un montant comme 120,50\s€\./);
  assert.match(html, /Choisissez comment l’argent a été rendu\./);
  assert.match(html, /Indiquez pourquoi l’argent est rendu\./);
  assert.match(html, /value="deux cents"/, "what was typed is kept");

  res = await post(t, path, refundFields("120,50"), bookkeeper);
  assert.equal(res.status, 303);
  assert.equal((await inDb((db) => getDocument(db, invoice.id))).amountPaid, 120000 - 12050);
});

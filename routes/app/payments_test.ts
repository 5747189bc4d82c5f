// Payments through the real app: a bookkeeper records a part payment by transfer, then the rest
// (journey 11 without a browser); an engineer is refused; refused amounts come back beside the field;
// the payments page and the accountants' exports show the period.
import assert from "node:assert/strict";
import { createDraft, getDocument } from "@/lib/billing/documents.ts";
import { issueDocument } from "@/lib/billing/issue.ts";
import { clientCreditBalance, paymentsOf } from "@/lib/billing/payments.ts";
import { provisionStudio } from "@/lib/tenancy/provision.ts";
import type { TenantDb } from "@/lib/tenancy/tenant_db.ts";
import { insertClient } from "@/lib/testing/scheduling_fixtures.ts";
import { signedInCookie } from "@/lib/testing/staff_session.ts";
import { testApp } from "@/lib/testing/test_app.ts";

const BASE = "/s/north";
const ACTING = { actor: { type: "system" as const } };

async function setup() {
  const t = await testApp();
  const tenant = await provisionStudio(t.tenancy, {
    slug: "north",
    name: "North Sound",
    timezone: "Europe/Paris",
    currency: "EUR",
    locale: "en",
  });
  const cookie = (role: "bookkeeper" | "engineer") =>
    signedInCookie(t.kv, tenant, { base: BASE, role, email: `${role}@example.com` });
  const inDb = <T>(fn: (db: TenantDb) => Promise<T>) => t.tenancy.pool.use(tenant.database, fn);
  const invoice = await inDb(async (db) => {
    const client = await insertClient(db, { name: "Nova Records" });
    const draft = await createDraft(db, "invoice", {
      clientId: client.id,
      lines: [{ description: "Album mix", quantity: "1", unitPrice: 120000 }],
    }, ACTING);
    return await issueDocument(db, draft.id, draft.version, ACTING);
  });
  return { t, bookkeeper: await cookie("bookkeeper"), engineer: await cookie("engineer"), inDb, invoice };
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields);

function post(
  t: Awaited<ReturnType<typeof testApp>>,
  path: string,
  body: URLSearchParams,
  cookie: string,
  language = "en",
) {
  return t.app.request(`${BASE}${path}`, {
    method: "POST",
    headers: {
      origin: "http://localhost",
      "accept-language": language,
      cookie,
      "content-type": "application/x-www-form-urlencoded",
    },
    body,
  });
}

Deno.test("a bookkeeper records a transfer for part of an invoice, then a second payment settles it", async () => {
  const { t, bookkeeper, inDb, invoice } = await setup();
  await using _ = t;
  const path = `/app/invoices/${invoice.id}/payments`;
  let res = await post(
    t,
    path,
    form({ amount: "500.00", method: "transfer", receivedOn: "2026-06-02", reference: "VIR 1" }),
    bookkeeper,
  );
  assert.equal(res.status, 303);
  assert.equal(
    res.headers.get("location"),
    `${BASE}/app/invoices/${invoice.id}?saved=payment#payments-heading`,
  );
  let after = await inDb((db) => getDocument(db, invoice.id));
  assert.equal(after.status, "partially_paid");
  assert.equal(after.amountPaid, 50000);

  // French staff type French amounts: "700,50" is 700.50 — 0.50 more than is due, which becomes credit.
  res = await post(
    t,
    path,
    form({ amount: "700,50", method: "cheque", receivedOn: "2026-06-09" }),
    bookkeeper,
    "fr",
  );
  assert.equal(res.status, 303);
  after = await inDb((db) => getDocument(db, invoice.id));
  assert.equal(after.status, "paid");
  assert.equal(after.amountPaid, 120000);
  assert.equal(await inDb((db) => clientCreditBalance(db, invoice.clientId, "EUR")), 50);

  const list = await (await t.app.request(`${BASE}/app/payments?from=2026-06-01&to=2026-06-30`, {
    headers: { cookie: bookkeeper, "accept-language": "en" },
  })).text();
  assert.match(list, /VIR 1/);
  assert.match(list, /€1,200\.50/, "the period's total received");
  assert.match(
    list,
    new RegExp(`href="${BASE}/app/payments/export/payments\\?from=2026-06-01&amp;to=2026-06-30"`),
  );
  const exported = await t.app.request(`${BASE}/app/payments/export/payments?from=2026-06-01&to=2026-06-30`, {
    headers: { cookie: bookkeeper },
  });
  assert.equal(exported.status, 200);
  assert.match(exported.headers.get("content-type")!, /^text\/csv/);
  const csv = await exported.text();
  assert.match(csv, /2026-06-02,transfer,VIR 1,Nova Records,INV-\d{4}-0001,500\.00,EUR/);
  assert.match(csv, /2026-06-09,cheque,,Nova Records,INV-\d{4}-0001,700\.50,EUR/);
});

Deno.test("an engineer may not record payments; bad amounts come back beside the field, not as a 500", async () => {
  const { t, bookkeeper, engineer, inDb, invoice } = await setup();
  await using _ = t;
  const path = `/app/invoices/${invoice.id}/payments`;
  const good = { amount: "10.00", method: "cash", receivedOn: "2026-06-02" };
  assert.equal((await post(t, path, form(good), engineer)).status, 403);
  assert.equal((await t.app.request(`${BASE}/app/payments`, { headers: { cookie: engineer } })).status, 403);

  for (
    const [change, message] of [
      [{ amount: "ten" }, /Enter an amount such as/],
      [{ amount: "0" }, /above zero/],
      [{ amount: "10.001" }, /at most 2 decimals/],
      [{ method: "bitcoin" }, /Choose cash, transfer/],
      [{ receivedOn: "" }, /YYYY-MM-DD/],
    ] as const
  ) {
    const res = await post(t, path, form({ ...good, ...change }), bookkeeper);
    assert.equal(res.status, 422, JSON.stringify(change));
    const html = await res.text();
    assert.match(html, message);
    assert.match(html, /The payment was not recorded/);
  }
  assert.equal((await inDb((db) => paymentsOf(db, invoice.id))).length, 0);
  // Voiding needs a reason, then reverses the payment.
  await post(t, path, form(good), bookkeeper);
  const [payment] = await inDb((db) => paymentsOf(db, invoice.id));
  const voidPath = `${path}/${payment.id}/void`;
  assert.equal((await post(t, voidPath, form({ reason: "" }), bookkeeper)).status, 422);
  const res = await post(t, voidPath, form({ reason: "Wrong invoice" }), bookkeeper);
  assert.equal(res.status, 303);
  assert.equal((await inDb((db) => getDocument(db, invoice.id))).status, "issued");
});

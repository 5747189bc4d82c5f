// A quote's life through the real app (journey 10 without a browser): staff send it, the client opens
// the e-mailed link, accepts it by typing their name, and staff convert it to an invoice.
import assert from "node:assert/strict";
import { listAudit } from "@/lib/audit/audit.ts";
import { documentHash } from "@/lib/billing/document_hash.ts";
import { createDraft, getDocument } from "@/lib/billing/documents.ts";
import { provisionStudio } from "@/lib/tenancy/provision.ts";
import type { TenantDb } from "@/lib/tenancy/tenant_db.ts";
import { insertTaxRate } from "@/lib/testing/billing_fixtures.ts";
import { linkIn, waitForMail } from "@/lib/testing/outbox.ts";
import { insertClient } from "@/lib/testing/scheduling_fixtures.ts";
import { signedInCookie } from "@/lib/testing/staff_session.ts";
import { testApp } from "@/lib/testing/test_app.ts";

type App = Awaited<ReturnType<typeof testApp>>;
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
  const owner = await signedInCookie(t.kv, tenant, { base: BASE, email: "ana@example.com" });
  const engineer = await signedInCookie(t.kv, tenant, {
    base: BASE,
    role: "engineer",
    email: "sam@example.com",
  });
  const inDb = <T>(fn: (db: TenantDb) => Promise<T>) => t.tenancy.pool.use(tenant.database, fn);
  // 2 days of mixing at 450.00 and a 49.90 master, + 20% VAT: 1,139.88.
  const quote = await inDb(async (db) => {
    const client = await insertClient(db, { name: "The Lanterns", email: "band@lanterns.example" });
    const vat = await insertTaxRate(db, { name: "VAT", rate: "20" });
    return await createDraft(db, "quote", {
      clientId: client.id,
      terms: "Half on acceptance.",
      lines: [
        { description: "Mixing", quantity: "2", unit: "day", unitPrice: 45000, taxRateIds: [vat.id] },
        { description: "Mastering", quantity: "1", unitPrice: 4990, taxRateIds: [vat.id] },
      ],
    }, ACTING);
  });
  return { t, owner, engineer, inDb, quote };
}

function post(t: App, path: string, fields: Record<string, string>, cookie?: string) {
  const headers: Record<string, string> = {
    origin: "http://localhost",
    "content-type": "application/x-www-form-urlencoded",
    "user-agent": "TestPhone/1.0",
  };
  if (cookie) headers.cookie = cookie;
  return t.app.request(path, { method: "POST", headers, body: new URLSearchParams(fields) });
}

Deno.test("send, open the e-mailed link, accept by typing a name, convert: the invoice has the quote's lines and total", async () => {
  const { t, owner, inDb, quote } = await setup();
  await using _ = t;

  let res = await post(t, `${BASE}/app/quotes/${quote.id}/send`, { version: String(quote.version) }, owner);
  assert.equal(res.status, 303);
  assert.equal(res.headers.get("location"), `${BASE}/app/quotes/${quote.id}?saved=sent`);

  const mail = await waitForMail(t.kv, "band@lanterns.example");
  const link = new URL(linkIn(mail, /\/q\//));
  assert.match(link.pathname, /^\/s\/north\/q\/[A-Za-z0-9_-]{43}$/);

  res = await t.app.request(link.pathname);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("cache-control"), "no-store");
  let html = await res.text();
  assert.match(html, /Quote Q-\d{4}-0001/);
  assert.match(html, /1,139\.88/, "the total");
  assert.match(html, /Half on acceptance\./);
  assert.doesNotMatch(html, /<script/, "the page sends no JavaScript");

  // Without the terms box ticked nothing is signed, and what was typed is kept.
  res = await post(t, link.pathname, { answer: "accept", name: "Mia Jones" });
  assert.equal(res.status, 422);
  html = await res.text();
  assert.match(html, /Tick the box/);
  assert.match(html, /value="Mia Jones"/);

  res = await post(t, link.pathname, { answer: "accept", name: "Mia Jones", read_terms: "on" });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get("location"), `${link.pathname}?answer=accepted`);
  html = await (await t.app.request(`${link.pathname}?answer=accepted`)).text();
  assert.match(html, /the quote is accepted/);
  assert.match(html, /Accepted by Mia Jones/);
  assert.doesNotMatch(html, /Accept the quote<\/button>/, "no second acceptance form");

  const accepted = await inDb((db) => getDocument(db, quote.id));
  assert.equal(accepted.status, "accepted");
  assert.equal(accepted.signature?.name, "Mia Jones");
  assert.ok(accepted.signature?.ip, "the address is recorded");
  assert.equal(accepted.signature?.userAgent, "TestPhone/1.0");
  assert.equal(accepted.signature?.documentHash, documentHash(accepted));

  res = await post(t, `${BASE}/app/quotes/${quote.id}/convert`, {
    version: String(accepted.version),
    target: "invoice",
  }, owner);
  assert.equal(res.status, 303);
  const invoiceId = res.headers.get("location")!.match(/\/app\/invoices\/([^?]+)\?saved=converted$/)![1];
  const invoice = await inDb((db) => getDocument(db, invoiceId));
  assert.equal(invoice.kind, "invoice");
  assert.equal(invoice.status, "draft");
  assert.equal(invoice.total, 113988);
  assert.equal(invoice.total, accepted.total);
  assert.deepEqual(
    invoice.lines.map((l) => [l.description, l.quantity, l.unitPrice, l.taxes]),
    accepted.lines.map((l) => [l.description, l.quantity, l.unitPrice, l.taxes]),
  );
  const actions = (await inDb((db) => listAudit(db, { entityType: "quote" }))).map((a) => a.action);
  assert.deepEqual(actions.slice(0, 3), ["quote.converted", "quote.accepted", "quote.sent"]);
});

Deno.test("the link refuses clearly: unknown 404, superseded 410, and a stale or wrong action is not a 500", async () => {
  const { t, owner, engineer, inDb, quote } = await setup();
  await using _ = t;

  let res = await t.app.request(`${BASE}/q/${"A".repeat(43)}`);
  assert.equal(res.status, 404);
  assert.match(await res.text(), /This link does not work/);

  res = await post(t, `${BASE}/app/quotes/${quote.id}/send`, { version: String(quote.version) }, engineer);
  assert.equal(res.status, 403, "engineers do not send quotes");
  await res.body?.cancel();

  await (await post(t, `${BASE}/app/quotes/${quote.id}/send`, { version: String(quote.version) }, owner)).body
    ?.cancel();
  const oldLink = new URL(linkIn(await waitForMail(t.kv, "band@lanterns.example"), /\/q\//)).pathname;

  res = await post(t, `${BASE}/app/quotes/${quote.id}/send`, { version: String(quote.version) }, owner);
  assert.equal(res.status, 409, "a page opened before the send is stale");
  assert.match(await res.text(), /changed by someone else/);

  const sent = await inDb((db) => getDocument(db, quote.id));
  res = await post(t, `${BASE}/app/quotes/${quote.id}/convert`, {
    version: String(sent.version),
    target: "deposit_invoice",
    percent: "150",
  }, owner);
  assert.equal(res.status, 422);
  assert.match(await res.text(), /percentage above 0 and at most 100/);

  res = await post(t, `${BASE}/app/quotes/${quote.id}/revise`, { version: String(sent.version) }, owner);
  assert.equal(res.status, 303);
  const revisionId = res.headers.get("location")!.match(/\/app\/quotes\/([^?]+)\?saved=revised$/)![1];
  const revision = await inDb((db) => getDocument(db, revisionId));
  assert.equal(revision.revision, 2);
  (await post(t, `${BASE}/app/quotes/${revisionId}/send`, { version: String(revision.version) }, owner)).body
    ?.cancel();

  res = await t.app.request(oldLink);
  assert.equal(res.status, 410);
  assert.match(await res.text(), /A newer version of this quote exists/);
  res = await post(t, oldLink, { answer: "accept", name: "Mia Jones", read_terms: "on" });
  assert.equal(res.status, 410, "the superseded revision cannot be accepted");
  await res.body?.cancel();
  assert.equal((await inDb((db) => getDocument(db, quote.id))).status, "sent");
});

Deno.test("a client can decline with a reason", async () => {
  const { t, owner, inDb, quote } = await setup();
  await using _ = t;
  await (await post(t, `${BASE}/app/quotes/${quote.id}/send`, { version: String(quote.version) }, owner)).body
    ?.cancel();
  const link = new URL(linkIn(await waitForMail(t.kv, "band@lanterns.example"), /\/q\//)).pathname;
  const res = await post(t, link, { answer: "decline", reason: "Too late for our release" });
  assert.equal(res.status, 303);
  const html = await (await t.app.request(`${link}?answer=declined`)).text();
  assert.match(html, /North Sound has been told/);
  const declined = await inDb((db) => getDocument(db, quote.id));
  assert.equal(declined.status, "declined");
  assert.equal(declined.declineReason, "Too late for our release");
});

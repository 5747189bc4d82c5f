// The revenue report through the real app: a bookkeeper reads a month with EUR and USD invoices in
// the base currency (and the USD figures in dollars), downloads the same figures as CSV, a period that
// cannot be read comes back beside the form, engineers are refused, and the menu leads there.
import assert from "node:assert/strict";
import { createDraft } from "@/lib/billing/documents.ts";
import { setExchangeRate } from "@/lib/billing/exchange_rates.ts";
import { issueDocument } from "@/lib/billing/issue.ts";
import { recordPayment } from "@/lib/billing/payments.ts";
import { provisionStudio } from "@/lib/tenancy/provision.ts";
import type { TenantDb } from "@/lib/tenancy/tenant_db.ts";
import { insertTaxRate } from "@/lib/testing/billing_fixtures.ts";
import { insertClient } from "@/lib/testing/scheduling_fixtures.ts";
import { signedInCookie } from "@/lib/testing/staff_session.ts";
import { testApp } from "@/lib/testing/test_app.ts";

const BASE = "/s/north";
const ACTING = { actor: { type: "system" as const } };

/** North Sound (EUR) in March 2026: a €1,200.00 invoice and a $400.00 one at 1 USD = 0.9231 EUR. */
async function setup() {
  const t = await testApp();
  const tenant = await provisionStudio(t.tenancy, {
    slug: "north",
    name: "North Sound",
    timezone: "Europe/Paris",
    currency: "EUR",
    locale: "en",
  });
  const cookie = (role: "bookkeeper" | "engineer" | "manager") =>
    signedInCookie(t.kv, tenant, { base: BASE, role, email: `${role}@example.com` });
  await t.tenancy.pool.use(tenant.database, async (db: TenantDb) => {
    await setExchangeRate(db, { currency: "USD", rate: "0.9231" }, ACTING);
    const vat = await insertTaxRate(db, { name: "VAT", rate: "20" });
    const client = await insertClient(db, { name: "Nova Records" });
    const invoice = async (currency: string, unitPrice: number, day: string) => {
      const draft = await createDraft(db, "invoice", {
        clientId: client.id,
        currency,
        lines: [{ description: "Mix", quantity: "1", unitPrice, taxRateIds: [vat.id] }],
      }, ACTING);
      return await issueDocument(db, draft.id, draft.version, ACTING, { now: new Date(`${day}T10:00:00Z`) });
    };
    await invoice("EUR", 100000, "2026-03-10");
    const usd = await invoice("USD", 33333, "2026-03-12");
    await recordPayment(db, {
      documentId: usd.id,
      method: "transfer",
      amount: 45000,
      currency: "USD",
      receivedOn: "2026-03-20",
    }, ACTING);
  });
  return {
    t,
    bookkeeper: await cookie("bookkeeper"),
    manager: await cookie("manager"),
    engineer: await cookie("engineer"),
  };
}

const get = (t: Awaited<ReturnType<typeof testApp>>, path: string, cookie: string) =>
  t.app.request(`${BASE}${path}`, { headers: { cookie, "accept-language": "en" } });

const cell = (html: string, row: string) => {
  const match = html.match(new RegExp(`data-row="${row}">(.*?)</tr>`, "s"));
  assert.ok(match, `no row ${row}`);
  return match[1].replace(/<[^>]+>/g, "|").split("|").map((s) => s.trim()).filter(Boolean);
};

Deno.test("the revenue report shows a month in the base currency, per currency, and as CSV", async () => {
  const { t, bookkeeper, manager } = await setup();
  await using _ = t;
  const res = await get(t, "/app/reports/revenue?period=month&year=2026&month=3", bookkeeper);
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /Revenue report/);
  assert.match(html, /converted at the exchange rate stored on it/);
  // €1,200.00 + $400.00 → €369.24 (net 307.70 + VAT 61.54, each converted on its own).
  assert.deepEqual(cell(html, "invoiced"), [
    "Invoiced (invoices less credit notes)",
    "2",
    "€1,307.70",
    "€261.54",
    "€1,569.24",
  ]);
  // $450.00 received × 0.9231 = €415.395 → €415.40.
  assert.deepEqual(cell(html, "collected").at(-1), "€415.40");
  assert.deepEqual(cell(html, "outstanding").slice(-2), ["1", "€1,200.00"]);
  assert.match(html, /data-tax="VAT 20"/);
  assert.match(html, /data-currency="USD">.*?\$400\.00.*?\$450\.00/s);

  const csv = await get(t, "/app/reports/revenue.csv?period=month&year=2026&month=3", bookkeeper);
  assert.equal(csv.status, 200);
  assert.equal(csv.headers.get("content-type"), "text/csv; charset=utf-8");
  assert.match(csv.headers.get("content-disposition")!, /revenue-north-2026-03-01-2026-03-31\.csv/);
  const text = await csv.text();
  assert.match(text, /\r\nsummary,invoiced_total,,,,EUR,,1569\.24\r\n/);
  assert.match(text, /\r\ncurrency,collected,,,,USD,,450\.00\r\n/);
  assert.match(text, /\r\ntax,tax,VAT,20,,EUR,,261\.54\r\n/);

  // A year has a row per month; managers hold reports.view too.
  const year = await (await get(t, "/app/reports/revenue?period=year&year=2026", manager)).text();
  assert.equal(year.match(/data-month="2026-/g)?.length, 12);
  assert.match(year, /data-month="2026-03">.*?€1,569\.24/s);
});

Deno.test("a period that cannot be read is shown beside the form; engineers are refused; the menu links", async () => {
  const { t, bookkeeper, engineer } = await setup();
  await using _ = t;
  const bad = await get(t, "/app/reports/revenue?period=custom&from=2026-03-31&to=2026-03-01", bookkeeper);
  assert.equal(bad.status, 422);
  assert.match(await bad.text(), /The end date comes before the start date\./);
  const badCsv = await get(t, "/app/reports/revenue.csv?period=week", bookkeeper);
  assert.equal(badCsv.status, 422);
  await badCsv.body?.cancel();

  for (const path of ["/app/reports/revenue", "/app/reports/revenue.csv", "/app/reports"]) {
    const res = await get(t, path, engineer);
    assert.equal(res.status, 403, path);
    await res.body?.cancel();
  }
  const index = await get(t, "/app/reports", bookkeeper);
  assert.equal(index.status, 302);
  assert.equal(index.headers.get("location"), `${BASE}/app/reports/revenue`);
  const dashboard = await (await get(t, "/app", bookkeeper)).text();
  assert.match(dashboard, new RegExp(`href="${BASE}/app/reports"`));
});

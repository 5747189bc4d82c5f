// The revenue report, as a specification: a euro studio with EUR, USD and JPY invoices at stored
// rates, payments, a refund, a void, credit applied, a credit note and a deposit invoice. Every figure
// is asserted in exact minor units, worked out by hand beside it (each document or payment converted
// at its own stored rate, rounded half away from zero, then summed).
import assert from "node:assert/strict";
import type { ActingAs } from "../audit/audit.ts";
import { ValidationError } from "../errors.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { insertTaxRate } from "../testing/billing_fixtures.ts";
import { insertClient, withStudioDb } from "../testing/scheduling_fixtures.ts";
import { convertAmount } from "./currency.ts";
import { createCreditNote, issueCreditNote } from "./credit_notes.ts";
import { createDraft } from "./documents.ts";
import { setExchangeRate } from "./exchange_rates.ts";
import { issueDocument } from "./issue.ts";
import { applyCredit, recordPayment, refundPayment, voidPayment } from "./payments.ts";
import { revenueReportCsv } from "./report_csv.ts";
import { resolvePeriod } from "./report_period.ts";
import { monthsOf, revenueReport } from "./reports.ts";

const acting: ActingAs = { actor: { type: "staff", id: "stf_1", label: "books@example.com" } };

/**
 * Rates: 1 USD = 0.9231 EUR, 1 JPY = 0.00615 EUR. VAT 20% on every taxed line.
 *
 * | doc | issued | currency | net    | tax  | total  | in EUR: net / tax / total      |
 * | A   | 03-10  | EUR      | 1000.00| 200.00| 1200.00| 1000.00 / 200.00 / 1200.00    |
 * | B   | 03-12  | USD      | 333.33 | 66.67 | 400.00 | 307.70 / 61.54 / 369.24       |
 * | C   | 03-14  | USD      | 100.01 | 20.00 | 120.01 | 92.32 / 18.46 / 110.78        |
 * | D   | 03-16  | JPY      | ¥12,345| ¥2,469| ¥14,814| 75.92 / 15.18 / 91.10         |
 * | E   | 03-28  | USD credit note of all of C                                     |
 * | F   | 03-05  | EUR deposit invoice 300.00, no tax                              |
 * | G   | 04-02  | USD      | 100.00 | —    | 100.00 | 92.31                          |
 */
async function studio(db: TenantDb) {
  await setExchangeRate(db, { currency: "USD", rate: "0.9231" }, acting);
  await setExchangeRate(db, { currency: "JPY", rate: "0.00615" }, acting);
  const vat = await insertTaxRate(db, { name: "VAT", rate: "20" });
  const client = await insertClient(db, { name: "Nova Records" });
  const issue = async (
    kind: "invoice" | "deposit_invoice",
    currency: string,
    unitPrice: number,
    at: string,
    options: { taxed?: boolean; dueDate?: string } = {},
  ) => {
    const draft = await createDraft(db, kind, {
      clientId: client.id,
      currency,
      dueDate: options.dueDate,
      lines: [{
        description: "Mix",
        quantity: "1",
        unitPrice,
        taxRateIds: options.taxed === false ? [] : [vat.id],
      }],
    }, acting);
    return await issueDocument(db, draft.id, draft.version, acting, { now: new Date(`${at}T10:00:00Z`) });
  };
  const a = await issue("invoice", "EUR", 100000, "2026-03-10", { dueDate: "2026-04-09" });
  const b = await issue("invoice", "USD", 33333, "2026-03-12", { dueDate: "2026-04-30" });
  const c = await issue("invoice", "USD", 10001, "2026-03-14", { dueDate: "2026-04-30" });
  const d = await issue("invoice", "JPY", 12345, "2026-03-16", { dueDate: "2026-03-20" });
  const note = await createCreditNote(db, c.id, { reason: "Cancelled" }, acting);
  await issueCreditNote(db, note.id, note.version, acting, { now: new Date("2026-03-28T10:00:00Z") });
  const f = await issue("deposit_invoice", "EUR", 30000, "2026-03-05", {
    taxed: false,
    dueDate: "2026-04-04",
  });
  const g = await issue("invoice", "USD", 10000, "2026-04-02", { taxed: false, dueDate: "2026-05-02" });

  const pay = (
    documentId: string | null,
    method: "transfer" | "cash",
    amount: number,
    currency: string,
    on: string,
  ) =>
    recordPayment(db, { documentId, clientId: client.id, method, amount, currency, receivedOn: on }, acting);
  const onA = await pay(a.id, "transfer", 50000, "EUR", "2026-03-15");
  await refundPayment(
    db,
    onA.payment.id,
    { amount: 10000, method: "transfer", paidOn: "2026-03-20" },
    acting,
  );
  const mistake = await pay(a.id, "cash", 100, "EUR", "2026-03-15");
  await voidPayment(db, mistake.payment.id, "Typo", acting);
  await pay(b.id, "transfer", 45000, "USD", "2026-03-20"); // 50.00 over: credit
  await pay(d.id, "cash", 5000, "JPY", "2026-03-25");
  await pay(null, "cash", 1000, "USD", "2026-03-26"); // credit, no invoice: today's USD rate
  await pay(null, "cash", 2000, "GBP", "2026-03-27"); // no GBP rate: unconverted
  await applyCredit(db, g.id, undefined, acting, { today: "2026-04-03" }); // 60.00 of credit
  return { a, b, c, d, f, g };
}

Deno.test("a month's report converts each document and payment at its stored rate, then sums", async () => {
  await withStudioDb(async (db) => {
    const { b, d } = await studio(db);
    // The stored rates are the ones converted with: B's tax 66.67 USD × 0.9231 = 61.5422… → 61.54.
    assert.equal(b.totalInBase, 36924);
    assert.equal(d.totalInBase, 9110);
    assert.equal(convertAmount(6667, { from: "USD", to: "EUR", rate: "0.9231" }), 6154);

    const report = await revenueReport(db, { kind: "month", from: "2026-03-01", to: "2026-03-31" }, "EUR");
    assert.equal(report.baseCurrency, "EUR");
    // Invoices A + B + C + D less credit note E (= C).
    assert.deepEqual(report.invoiced, {
      net: 100000 + 30770 + 7592, // 138362
      tax: 20000 + 6154 + 1518, // 27672
      total: 120000 + 36924 + 9110, // 166034
    });
    assert.equal(report.invoiceCount, 4);
    assert.deepEqual(report.creditNotes, { net: 9232, tax: 1846, total: 11078 });
    assert.equal(report.creditNoteCount, 1);
    // The deposit invoice is a payment on account, not revenue: reported beside it.
    assert.equal(report.deposits, 30000);
    assert.equal(report.depositCount, 1);

    // Received: A 500.00; B 450.00 USD × 0.9231 = 415.395 → 415.40 (half away from zero);
    // D ¥5,000 × 0.00615 = 30.75; 10.00 USD without an invoice at today's rate = 9.231 → 9.23.
    // The voided cash payment, the GBP payment (no rate) and credit applied in April are not in it.
    assert.equal(report.received, 50000 + 41540 + 3075 + 923);
    assert.equal(report.refunded, 10000);
    assert.equal(report.collected, 95538 - 10000);
    assert.deepEqual(report.unconverted, [{ currency: "GBP", amount: 2000 }]);

    // At the end of March: A 800.00 due, D ¥9,814 overdue since 03-20 (→ 60.3561 → 60.36), deposit F 300.00.
    assert.equal(report.outstanding, 80000 + 6036 + 30000);
    assert.equal(report.outstandingCount, 3);
    assert.equal(report.overdue, 6036);
    assert.equal(report.overdueCount, 1);

    // Tax per rate, recomputed from the lines, adds up to the tax invoiced.
    assert.deepEqual(report.taxes, [{
      name: "VAT",
      rate: "20",
      compound: false,
      base: 138362,
      amount: 27672,
      byCurrency: [
        { currency: "EUR", base: 100000, amount: 20000 },
        { currency: "JPY", base: 12345, amount: 2469 },
        { currency: "USD", base: 33333, amount: 6667 },
      ],
    }]);

    // Original amounts per currency, the base currency first.
    assert.deepEqual(report.currencies.map((c) => c.currency), ["EUR", "GBP", "JPY", "USD"]);
    const [eur, gbp, jpy, usd] = report.currencies;
    assert.deepEqual(eur.invoiced, { net: 100000, tax: 20000, total: 120000 });
    assert.equal(eur.deposits, 30000);
    assert.deepEqual([eur.received, eur.refunded, eur.collected], [50000, 10000, 40000]);
    assert.deepEqual([eur.outstanding, eur.outstandingCount, eur.overdue], [110000, 2, 0]);
    assert.equal(gbp.collected, 2000);
    assert.deepEqual(jpy.invoiced, { net: 12345, tax: 2469, total: 14814 });
    assert.deepEqual([jpy.collected, jpy.outstanding, jpy.overdue, jpy.overdueCount], [5000, 9814, 9814, 1]);
    assert.deepEqual(usd.invoiced, { net: 33333, tax: 6667, total: 40000 });
    assert.deepEqual(usd.creditNotes, { net: 10001, tax: 2000, total: 12001 });
    assert.deepEqual([usd.received, usd.outstanding], [46000, 0]);

    assert.deepEqual(report.months, [{
      month: "2026-03",
      invoiced: { net: 138362, tax: 27672, total: 166034 },
      collected: 85538,
    }]);
  });
});

Deno.test("balances are as they stood on the period's last day, converted one invoice at a time", async () => {
  await withStudioDb(async (db) => {
    await studio(db);
    // 19 March: A's refund, C's credit note and B's payment come later; D is not yet overdue.
    // D's ¥14,814 × 0.00615 = 91.1061 → 91.11: converting the balance whole can differ by a unit
    // from the stored total in base (91.10 = net and tax converted separately).
    const early = await revenueReport(db, { from: "2026-03-01", to: "2026-03-19" }, "EUR");
    assert.equal(early.outstanding, 70000 + 36924 + 11078 + 9111 + 30000);
    assert.equal(early.outstandingCount, 5);
    assert.equal(early.overdueCount, 0);

    // April: G (100.00 USD) less the 60.00 of credit applied leaves 40.00 → 36.924 → 36.92; A, D and
    // the deposit are past due. Credit applied is not money collected.
    const april = await revenueReport(db, { from: "2026-04-01", to: "2026-04-30" }, "EUR");
    assert.deepEqual(april.invoiced, { net: 9231, tax: 0, total: 9231 });
    assert.equal(april.collected, 0);
    assert.equal(april.outstanding, 80000 + 6036 + 30000 + 3692);
    assert.equal(april.overdue, 80000 + 6036 + 30000);
    assert.equal(april.overdueCount, 3);
  });
});

Deno.test("a year has a row per month and its totals are the months' sums", async () => {
  await withStudioDb(async (db) => {
    await studio(db);
    const year = await revenueReport(
      db,
      resolvePeriod({ period: "year", year: "2026" }, "2026-06-01"),
      "EUR",
    );
    assert.equal(year.months.length, 12);
    assert.deepEqual(year.months.map((m) => m.invoiced.total), [0, 0, 166034, 9231, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(year.months.map((m) => m.collected).slice(0, 4), [0, 0, 85538, 0]);
    assert.equal(year.invoiced.total, year.months.reduce((sum, m) => sum + m.invoiced.total, 0));
    assert.equal(year.collected, 85538);
    assert.equal(year.period.kind, "year");

    const csv = revenueReportCsv(year);
    assert.ok(csv.startsWith("\uFEFFsection,item,tax_name,tax_rate,month,currency,count,amount\r\n"));
    const lines = csv.slice(1).trimEnd().split("\r\n");
    assert.ok(lines.includes("summary,invoiced_total,,,,EUR,,1752.65"));
    assert.ok(lines.includes("summary,invoiced_net,,,,EUR,5,1475.93"));
    assert.ok(lines.includes("summary,unconverted_payments,,,,GBP,,20.00"));
    assert.ok(lines.includes("currency,invoiced_total,,,,JPY,,14814"));
    assert.ok(lines.includes("currency,refunded,,,,EUR,,100.00"));
    assert.ok(lines.includes("tax,tax,VAT,20,,EUR,,276.72"));
    assert.ok(lines.includes("tax_currency,tax,VAT,20,,USD,,66.67"));
    assert.ok(lines.includes("month,collected,,,2026-03,EUR,,855.38"));
    // At the year's end everything still due is overdue: A, D, the deposit and G's 40.00 USD.
    assert.ok(lines.includes("summary,overdue,,,,EUR,4,1197.28"));
  });
});

Deno.test("periods: months, quarters, years of the studio's today, or custom dates", () => {
  const today = "2026-05-17";
  assert.deepEqual(resolvePeriod({}, today), { kind: "month", from: "2026-05-01", to: "2026-05-31" });
  assert.deepEqual(resolvePeriod({ period: "month", year: "2024", month: "2" }, today), {
    kind: "month",
    from: "2024-02-01",
    to: "2024-02-29",
  });
  assert.deepEqual(resolvePeriod({ period: "quarter" }, today), {
    kind: "quarter",
    from: "2026-04-01",
    to: "2026-06-30",
  });
  assert.deepEqual(resolvePeriod({ period: "quarter", quarter: "4", year: "2025" }, today), {
    kind: "quarter",
    from: "2025-10-01",
    to: "2025-12-31",
  });
  assert.deepEqual(resolvePeriod({ period: "year" }, today), {
    kind: "year",
    from: "2026-01-01",
    to: "2026-12-31",
  });
  assert.deepEqual(resolvePeriod({ from: "2026-01-15", to: "2026-02-14" }, today), {
    kind: "custom",
    from: "2026-01-15",
    to: "2026-02-14",
  });
  assert.deepEqual(monthsOf({ from: "2025-11-20", to: "2026-02-01" }), [
    "2025-11",
    "2025-12",
    "2026-01",
    "2026-02",
  ]);
  const fieldOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (err) {
      assert.ok(err instanceof ValidationError);
      return Object.keys(err.fields);
    }
    assert.fail("no error");
  };
  assert.deepEqual(fieldOf(() => resolvePeriod({ period: "week" }, today)), ["period"]);
  assert.deepEqual(fieldOf(() => resolvePeriod({ period: "month", month: "13" }, today)), ["month"]);
  assert.deepEqual(fieldOf(() => resolvePeriod({ from: "2026-02-30", to: "2026-03-01" }, today)), ["from"]);
  assert.deepEqual(fieldOf(() => resolvePeriod({ from: "2026-03-01", to: "2026-02-01" }, today)), ["to"]);
  assert.deepEqual(fieldOf(() => resolvePeriod({ from: "2026-03-01" }, today)), ["to"]);
  assert.deepEqual(fieldOf(() => resolvePeriod({ from: "2000-01-01", to: "2026-01-01" }, today)), ["to"]);
});

import assert from "node:assert/strict";
import { setExchangeRate } from "../../billing/exchange_rates.ts";
import { insertClient } from "../../testing/scheduling_fixtures.ts";
import { billingApi, invalidFields } from "./billing_api_testing.ts";

Deno.test("API: the revenue report converts each invoice at its stored rate into the studio's currency", async () => {
  await using api = await billingApi();
  const { use, tokenFor, call, expect, issuedInvoice } = api;
  // Home Studio is in CAD: 1 USD = 1.3712 CAD, 1 JPY = 0.0091 CAD.
  const client = await use(async (db) => {
    const system = { actor: { type: "system" as const } };
    await setExchangeRate(db, { currency: "USD", rate: "1.3712" }, system);
    await setExchangeRate(db, { currency: "JPY", rate: "0.0091" }, system);
    return await insertClient(db, { name: "Label Nord" });
  });
  const token = await tokenFor("bookkeeper");
  const line = (unitPrice: number) => ({ description: "Mixing", quantity: "1", unitPrice });
  const issue = async (currency: string, unitPrice: number) => {
    const draft = await expect(
      call(token, "POST", "/invoices", { clientId: client.id, currency, lines: [line(unitPrice)] }),
      201,
    );
    return await expect(call(token, "POST", `/invoices/${draft.id}/issue`, { version: draft.version }), 200);
  };
  await issuedInvoice(token, client.id, [line(10000)]); // 100.00 CAD
  const usd = await issue("USD", 12345); // 123.45 USD × 1.3712 = 169.27464 → 169.27 CAD
  await issue("JPY", 5555); // ¥5,555 × 0.0091 = 50.5505 → 50.55 CAD
  await expect(
    call(token, "POST", "/payments", {
      invoiceId: usd.id,
      method: "card",
      amount: 5001,
      currency: "USD",
      receivedOn: usd.issueDate,
    }),
    201,
  ); // 50.01 × 1.3712 = 68.573712 → 68.57 CAD

  const today = usd.issueDate as string;
  const report = await expect(call(token, "GET", `/reports/revenue?from=${today}&to=${today}`), 200);
  assert.equal(report.baseCurrency, "CAD");
  assert.equal(report.from, today);
  assert.deepEqual(report.invoiced, { net: 10000 + 16927 + 5055, tax: 0, total: 31982 });
  assert.equal(report.invoiceCount, 3);
  assert.equal(report.collected, 6857);
  // Balances: 100.00 CAD; 73.44 USD × 1.3712 = 100.700928 → 100.70 CAD; ¥5,555 → 50.55 CAD.
  assert.equal(report.outstanding, 10000 + 10070 + 5055);
  assert.deepEqual(report.currencies.map((c: { currency: string }) => c.currency), ["CAD", "JPY", "USD"]);
  assert.equal(report.months.length, 1);

  // Without dates: this month. Bad dates: a 422 naming the field.
  const month = await expect(call(token, "GET", "/reports/revenue"), 200);
  assert.equal(month.from, `${today.slice(0, 8)}01`);
  assert.equal(month.invoiceCount, 3);
  assert.deepEqual(
    await invalidFields(call(token, "GET", "/reports/revenue?from=2026-02-30&to=2026-03-01")),
    ["from"],
  );
  assert.deepEqual(
    await invalidFields(call(token, "GET", "/reports/revenue?from=2026-03-02&to=2026-03-01")),
    ["to"],
  );

  // reports.view: managers yes, engineers no.
  assert.equal((await call(await tokenFor("manager"), "GET", "/reports/revenue")).status, 200);
  assert.equal((await call(await tokenFor("engineer"), "GET", "/reports/revenue")).status, 403);
});

import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { withPage } from "../../e2e/browser.ts";
import { insertTaxRate } from "../testing/billing_fixtures.ts";
import { linkIn, waitForMail } from "../testing/outbox.ts";
import { insertClient } from "../testing/scheduling_fixtures.ts";
import { OWNER, servedStudio } from "../testing/served_studio.ts";
import { formatAmount } from "./currency.ts";
import { getDocument } from "./documents.ts";
import { computeTotals } from "./totals.ts";

async function signIn(page: Page, studio: string) {
  await page.goto(`${studio}/sign-in`);
  await page.getByLabel("E-mail address").fill(OWNER.email);
  await page.getByLabel("Password").fill(OWNER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Dashboard" }).waitFor();
}

const text = async (page: Page, testId: string) =>
  (await page.getByTestId(testId).first().innerText()).replace(/\s+/g, " ").trim();

/** Every cell of every line of the document shown, whitespace folded. */
const linesShown = (page: Page) =>
  page.getByTestId("line").evaluateAll((rows) =>
    rows.map((row) =>
      Array.from(row.querySelectorAll("td")).map((td) => td.textContent?.replace(/\s+/g, " ").trim())
    )
  );

/** What a page says about totals: subtotal, each tax row, total. */
async function totalsShown(page: Page) {
  return {
    subtotal: await text(page, "subtotal"),
    taxes: (await page.getByTestId("tax-row").allInnerTexts()).map((row) => row.replace(/\s+/g, " ").trim()),
    total: await text(page, "total"),
  };
}

// Journey 10, the staff's half: staff write a quote with two taxed lines in the editor and send it;
// the e-mail carries the link; the client accepts by typing their name; staff convert the accepted
// quote into an invoice whose lines and totals are the quote's.
Deno.test("journey 10: staff write and send a quote, the client accepts it by its link, staff convert it to an invoice with the same lines", async () => {
  await using served = await servedStudio();
  const { studio, t, tenant } = served;
  const inDb = <T>(fn: Parameters<typeof t.tenancy.pool.use<T>>[1]) =>
    t.tenancy.pool.use(tenant.database, fn);
  const { vat, reduced } = await inDb(async (db) => {
    await insertClient(db, { name: "The Lanterns", email: "band@lanterns.example" });
    return {
      vat: await insertTaxRate(db, { name: "VAT", rate: "20" }),
      reduced: await insertTaxRate(db, { name: "Reduced VAT", rate: "5.5" }),
    };
  });
  const expected = computeTotals({
    currency: "EUR",
    roundingMode: "per_line",
    pricesIncludeTax: false,
    lines: [
      { quantity: "3", unitPrice: 60000, taxes: [{ id: vat.id, name: "VAT", rate: "20", compound: false }] },
      {
        quantity: "2.5",
        unitPrice: 24990,
        taxes: [{ id: reduced.id, name: "Reduced VAT", rate: "5.5", compound: false }],
      },
    ],
  });
  const euros = (v: number) => formatAmount(v, "EUR", "en");
  // 1,800.00 + 624.75 = 2,424.75; VAT 360.00 + 34.36 (5.5% of 624.75 = 34.36125) = 394.36.
  assert.equal(expected.total, 281911);
  let quoteId = "";
  let quoteLines: (string | undefined)[][] = [];
  let quoteTotals: Awaited<ReturnType<typeof totalsShown>> | null = null;

  await withPage(async (page) => {
    await signIn(page, studio);
    await page.getByRole("navigation", { name: "Main navigation" }).last().getByRole("link", {
      name: "Quotes",
    })
      .click();
    await page.goto(`${studio}/app/quotes/new`);
    await page.getByLabel("Client").selectOption({ label: "The Lanterns" });
    await page.getByLabel("Title").fill("Debut EP");
    await page.getByLabel("Description (Line 1)").fill("Tracking, live room");
    await page.getByLabel("Quantity (Line 1)").fill("3");
    await page.getByLabel("Unit (Line 1)").selectOption({ label: "day" });
    await page.getByLabel("Unit price (Line 1)").fill("600.00");
    await page.getByTestId("line-0").getByRole("checkbox", { name: /^VAT 20/ }).check();
    await page.getByLabel("Description (Line 2)").fill("Mixing");
    await page.getByLabel("Quantity (Line 2)").fill("2.5");
    await page.getByLabel("Unit (Line 2)").selectOption({ label: "hour" });
    await page.getByLabel("Unit price (Line 2)").fill("249.90");
    await page.getByTestId("line-1").getByRole("checkbox", { name: /^Reduced VAT 5\.5/ }).check();
    await page.getByRole("button", { name: "Create the draft" }).click();
    await page.getByText("Draft created.").waitFor();
    quoteId = new URL(page.url()).pathname.split("/").at(-1)!;

    quoteLines = await linesShown(page);
    assert.deepEqual(quoteLines, [
      ["Tracking, live room", "3 day", euros(60000), "VAT 20%", euros(180000)],
      ["Mixing", "2.5 hour", euros(24990), "Reduced VAT 5.5%", euros(62475)],
    ]);
    quoteTotals = await totalsShown(page);
    assert.equal(quoteTotals.subtotal, `Subtotal ${euros(expected.subtotal)}`);
    assert.equal(quoteTotals.total, `Total ${euros(expected.total)}`);
    assert.equal(quoteTotals.taxes.length, 2, "one tax row per rate");

    await page.getByRole("button", { name: "Send to client" }).click();
    await page.getByText("Quote sent to the client.").waitFor();
    const number = await text(page, "doc-number");
    assert.match(number, /^Q/);

    // The client's side, in a browser of their own: the link from the e-mail, a typed signature.
    const mail = await waitForMail(t.kv, "band@lanterns.example");
    assert.match(mail.subject, new RegExp(`Quote ${number} from North Sound`));
    const link = linkIn(mail, /\/q\//);
    const client = await page.context().browser()!.newContext();
    const clientPage = await client.newPage();
    await clientPage.goto(link);
    await clientPage.getByRole("heading", { name: `Quote ${number}`, level: 1 }).waitFor();
    assert.match(await clientPage.getByTestId("totals").innerText(), new RegExp(euros(expected.total)));
    await clientPage.getByLabel("Type your full name to accept").fill("Mia Jones");
    await clientPage.getByLabel("I have read the quote and its terms").check();
    await clientPage.getByRole("button", { name: "Accept the quote" }).click();
    await clientPage.getByText("Thank you: the quote is accepted").waitFor();
    await client.close();

    await page.reload();
    assert.match(await text(page, "signature"), /Signed by Mia Jones/);
    await page.getByRole("button", { name: "Convert to invoice" }).click();
    await page.getByText("Draft invoice made from the quote: check it, then issue it.").waitFor();
    assert.deepEqual(await linesShown(page), quoteLines, "the invoice shows the quote's lines");
    assert.deepEqual(await totalsShown(page), quoteTotals, "and the quote's totals");
  });

  const quote = await inDb((db) => getDocument(db, quoteId));
  assert.equal(quote.status, "converted");
  assert.equal(quote.signature?.name, "Mia Jones");
  const invoices = await inDb((db) =>
    db.query.billingDocuments.findMany({ where: (d, { eq }) => eq(d.kind, "invoice") })
  );
  assert.equal(invoices.length, 1);
  const invoice = await inDb((db) => getDocument(db, invoices[0].id));
  const comparable = (lines: typeof quote.lines) =>
    lines.map((l) => ({
      description: l.description,
      quantity: l.quantity,
      unit: l.unit,
      unitPrice: l.unitPrice,
      taxes: l.taxes.map((tax) => [tax.id, tax.rate]),
      net: l.net,
      taxTotal: l.taxTotal,
      gross: l.gross,
    }));
  assert.deepEqual(comparable(invoice.lines), comparable(quote.lines));
  assert.deepEqual(
    [invoice.clientId, invoice.currency, invoice.subtotal, invoice.taxTotal, invoice.total],
    [quote.clientId, quote.currency, quote.subtotal, quote.taxTotal, quote.total],
  );
  assert.equal(invoice.total, expected.total);
});

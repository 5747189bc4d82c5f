import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { withPage } from "../../e2e/browser.ts";
import { billingSettings } from "../../db/schema/mod.ts";
import { createBooking, transitionBooking } from "../scheduling/bookings.ts";
import { insertTaxRate } from "../testing/billing_fixtures.ts";
import { OWNER, servedStudio } from "../testing/served_studio.ts";
import { insertClient, insertEngineer, insertGear, insertRoom } from "../testing/scheduling_fixtures.ts";
import { formatAmount } from "./currency.ts";
import { localDateOf } from "./issue.ts";
import { computeTotals } from "./totals.ts";

async function signIn(page: Page, studio: string) {
  await page.goto(`${studio}/sign-in`);
  await page.getByLabel("E-mail address").fill(OWNER.email);
  await page.getByLabel("Password").fill(OWNER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Dashboard" }).waitFor();
}

const system = { actor: { type: "system" as const } };
const text = async (page: Page, testId: string) =>
  (await page.getByTestId(testId).first().innerText()).replace(/\s+/g, " ").trim();

// Journey 9: a completed session becomes an invoice with room, engineer and gear lines and their taxes,
// totals right to the cent; issuing numbers it; the issued invoice can no longer be edited, only credited.
Deno.test("journey 9: invoice a completed session, issue it as INV-YYYY-0001, and find it can only be credited", async () => {
  await using served = await servedStudio();
  const { studio, t, tenant } = served;
  const vat = await t.tenancy.pool.use(tenant.database, async (db) => {
    const room = await insertRoom(db, { name: "Live Room", hourlyRate: 4750 });
    const engineer = await insertEngineer(db, { name: "Sam Rivera", hourlyRate: 3325 });
    const mic = await insertGear(db, { name: "Neumann U87", quantity: 2, fee: 1299, feePer: "day" });
    const vat = await insertTaxRate(db, { name: "VAT", rate: "20" });
    await db.insert(billingSettings).values({ id: 1, defaultTaxRateIds: [vat.id] });
    const client = await insertClient(db, { name: "The Lanterns", kind: "band" });
    const options = { timeZone: "Europe/Paris", now: new Date("2026-10-01T08:00:00Z") };
    // Tuesday 3 November 2026, 10:00–13:30 in Paris: 3.5 hours.
    const booking = await createBooking(
      db,
      {
        clientId: client.id,
        roomId: room.id,
        title: "Album tracking",
        blocks: [{ start: new Date("2026-11-03T09:00:00Z"), end: new Date("2026-11-03T12:30:00Z") }],
        engineerIds: [engineer.id],
        gear: [{ gearId: mic.id, quantity: 2 }],
      },
      system,
      options,
    );
    await transitionBooking(db, booking.id, "complete", system, options);
    return vat;
  });
  const tax = { id: vat.id, name: "VAT", rate: "20", compound: false };
  const expected = computeTotals({
    currency: "EUR",
    roundingMode: "per_line",
    pricesIncludeTax: false,
    lines: [
      { quantity: "3.5", unitPrice: 4750, taxes: [tax] },
      { quantity: "3.5", unitPrice: 3325, taxes: [tax] },
      { quantity: "2", unitPrice: 1299, taxes: [tax] },
    ],
  });
  const euros = (v: number) => formatAmount(v, "EUR", "en");

  await withPage(async (page) => {
    await signIn(page, studio);
    await page.getByRole("navigation", { name: "Main navigation" }).last().getByRole("link", {
      name: "Invoices",
    })
      .click();
    await page.getByRole("link", { name: "Invoice completed sessions" }).click();
    await page.getByLabel("Client").selectOption({ label: "The Lanterns (1 session)" });
    await page.getByRole("button", { name: "Show sessions" }).click();
    const session = page.getByLabel(/Album tracking/);
    assert.ok(await session.isChecked(), "the client's completed session is ticked");
    await page.getByRole("button", { name: "Create the draft invoice" }).click();
    await page.getByText("Draft created.").waitFor();

    const lines = await page.getByTestId("line").evaluateAll((rows) =>
      rows.map((row) =>
        Array.from(row.querySelectorAll("td")).map((td) => td.textContent?.replace(/\s+/g, " ").trim())
      )
    );
    assert.deepEqual(lines.map((cells) => cells[0]), [
      "Live Room — 3.5 h at the hourly rateAlbum tracking — Tue 3 Nov 2026, 10:00–13:30",
      "Engineer Sam Rivera — 3.5 h at the hourly rateAlbum tracking — Tue 3 Nov 2026, 10:00–13:30",
      "Neumann U87 × 2 — 1 dayAlbum tracking — Tue 3 Nov 2026, 10:00–13:30",
    ]);
    assert.ok(lines.every((cells) => cells[3] === "VAT 20%"), "the default VAT on every line");
    assert.deepEqual(lines.map((cells) => cells[4]), [euros(16625), euros(11638), euros(2598)]);
    assert.equal(await text(page, "subtotal"), `Subtotal ${euros(expected.subtotal)}`);
    assert.equal(
      await text(page, "tax-row"),
      `VAT 20% on ${euros(expected.taxSummary[0].base)} ${euros(expected.taxSummary[0].amount)}`,
    );
    assert.equal(await text(page, "total"), `Total ${euros(expected.total)}`);
    // 166.25 + 116.38 (3.5 × 33.25 = 116.375) + 25.98 = 308.61; VAT per line 33.25 + 23.28 + 5.20 = 61.73.
    assert.equal(expected.total, 37034);

    await page.getByRole("button", { name: "Issue", exact: true }).click();
    await page.getByRole("dialog", { name: "Issue this document?" }).getByRole("button", { name: "Issue it" })
      .click();
    await page.getByText("Issued.").waitFor();
    const year = localDateOf(new Date(), "Europe/Paris").slice(0, 4);
    assert.equal(await text(page, "doc-number"), `INV-${year}-0001`);
    assert.equal(await text(page, "total"), `Total ${euros(expected.total)}`);
    assert.equal(await text(page, "balance"), `Balance due ${euros(expected.total)}`);
    assert.equal(
      await page.getByRole("link", { name: "Edit", exact: true }).count(),
      0,
      "no edit action once issued",
    );

    const url = page.url().replace(/\?.*$/, "");
    const response = await page.goto(`${url}/edit`);
    assert.equal(response?.status(), 409);
    await page.getByRole("heading", { name: "This invoice is issued" }).waitFor();
    assert.match(await text(page, "locked"), /can no longer be changed\. Correct it with a credit note\./);
    await page.getByRole("link", { name: "Create a credit note" }).click();
    await page.getByRole("heading", { name: `Credit invoice INV-${year}-0001` }).waitFor();
  });
});

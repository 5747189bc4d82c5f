import assert from "node:assert/strict";
import { withPage } from "../../e2e/browser.ts";
import type { Mailer, MailMessage } from "../mail/mailer.ts";
import { insertTaxRate } from "../testing/billing_fixtures.ts";
import { insertClient } from "../testing/scheduling_fixtures.ts";
import { servedStudio } from "../testing/served_studio.ts";
import { createDraft, getDocument } from "./documents.ts";
import { sendQuote } from "./quotes.ts";

// Journey 10, the client's side: on a phone, the client opens the link from the e-mail, reads the
// quote and accepts it by typing their name; the studio then holds the signature.
Deno.test("journey 10: on a phone, the client opens the quote link and accepts it by typing their name", async () => {
  await using served = await servedStudio();
  const { studio, t, tenant } = served;
  const sent: MailMessage[] = [];
  const mailer: Mailer = { kind: "outbox", send: (m) => Promise.resolve(void sent.push(m)) };
  const quote = await t.tenancy.pool.use(tenant.database, async (db) => {
    const client = await insertClient(db, { name: "The Lanterns", email: "band@lanterns.example" });
    const vat = await insertTaxRate(db, { name: "VAT", rate: "20" });
    const draft = await createDraft(db, "quote", {
      clientId: client.id,
      title: "Debut EP",
      terms: "Half on acceptance, the rest on delivery.",
      lines: [
        { description: "Tracking", quantity: "3", unit: "day", unitPrice: 60000, taxRateIds: [vat.id] },
        { description: "Mixing", quantity: "5", unitPrice: 25000, taxRateIds: [vat.id] },
      ],
    }, { actor: { type: "system" } });
    const { quote } = await sendQuote(db, draft.id, draft.version, { actor: { type: "system" } }, {
      mailer,
      baseUrl: studio,
    });
    return quote;
  });
  const link = sent[0].text.match(/https?:\/\/\S+\/q\/\S+/)![0];

  await withPage(async (page) => {
    await page.goto(link);
    await page.getByRole("heading", { name: `Quote ${quote.number}`, level: 1 }).waitFor();
    const totals = await page.getByTestId("totals").textContent();
    // 3 × 600.00 + 5 × 250.00 = 3,050.00 + 20% VAT = 3,660.00.
    assert.match(totals ?? "", /€3,660\.00/);
    assert.equal(await page.locator("script").count(), 0, "no JavaScript on the client's page");
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `fits a 360 px screen without sideways scrolling (${width} px)`);

    await page.getByLabel("Type your full name to accept").fill("Mia Jones");
    await page.getByLabel("I have read the quote and its terms").check();
    await page.getByRole("button", { name: "Accept the quote" }).click();
    await page.getByText("Thank you: the quote is accepted").waitFor();
    assert.ok(await page.getByText("Accepted by Mia Jones").isVisible());
    assert.equal(await page.getByRole("button", { name: "Accept the quote" }).count(), 0);
  }, { mobile: true });

  const accepted = await t.tenancy.pool.use(tenant.database, (db) => getDocument(db, quote.id));
  assert.equal(accepted.status, "accepted");
  assert.equal(accepted.signature?.name, "Mia Jones");
  assert.equal(accepted.signature?.ip, "127.0.0.1");
  assert.match(accepted.signature?.userAgent ?? "", /Mobile|Android|Chrome/);
});

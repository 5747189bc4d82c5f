import assert from "node:assert/strict";
import { withPage } from "../../e2e/browser.ts";
import { getDocument } from "../billing/documents.ts";
import { portalCookie } from "../testing/portal_session.ts";
import { sentTestQuote } from "../testing/quote_fixtures.ts";
import { insertClient } from "../testing/scheduling_fixtures.ts";
import { servedStudio } from "../testing/served_studio.ts";

// Journey 10, the client's half, on a phone: the signed-in client opens the quote from the portal's
// home page, types their name, accepts, and sees it accepted.
Deno.test("journey 10: on a phone, the client opens the quote from the portal home and accepts it", async () => {
  await using served = await servedStudio();
  const { t, tenant, origin, studio } = served;
  const { quote, cookie } = await t.tenancy.pool.use(tenant.database, async (db) => {
    const nina = await insertClient(db, { name: "Nina Simone", email: "nina@example.com" });
    return {
      quote: (await sentTestQuote(db, nina.id)).quote,
      cookie: await portalCookie(t.kv, db, tenant, nina.id, "nina@example.com"),
    };
  });
  const [name, value] = cookie.split("=");
  await withPage(async (page) => {
    await page.context().addCookies([{ name, value, url: origin }]);
    await page.goto(`${studio}/portal`);
    await page.getByRole("link", { name: new RegExp(quote.number!) }).click();
    await page.getByRole("heading", { name: `Quote ${quote.number}`, level: 1 }).waitFor();
    assert.ok(await page.getByText("Awaiting your answer").isVisible());

    await page.getByLabel("Type your full name to accept").fill("Nina Simone");
    await page.getByLabel("I have read the quote and its terms").check();
    await page.getByRole("button", { name: "Accept the quote" }).click();
    await page.waitForURL(`${studio}/portal/quotes/${quote.id}?answer=accepted`);
    assert.ok(await page.getByText("Accepted", { exact: true }).isVisible());
    assert.ok(await page.getByText(/Accepted by Nina Simone on/).isVisible());
    assert.equal(await page.getByRole("button", { name: "Accept the quote" }).count(), 0);
  }, { mobile: true });
  const stored = await t.tenancy.pool.use(tenant.database, (db) => getDocument(db, quote.id));
  assert.equal(stored.status, "accepted");
  assert.equal(stored.signature?.name, "Nina Simone");
});

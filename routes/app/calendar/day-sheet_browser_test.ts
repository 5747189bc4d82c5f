import assert from "node:assert/strict";
import { withPage } from "@/e2e/browser.ts";
import { createBooking } from "@/lib/scheduling/bookings.ts";
import { insertRoom } from "@/lib/testing/scheduling_fixtures.ts";
import { OWNER, servedStudio } from "@/lib/testing/served_studio.ts";

Deno.test("in Chromium the day sheet's Print button works under the CSP, and print hides the app around the sheet", async () => {
  await using served = await servedStudio();
  const { studio, t, tenant } = served;
  await t.tenancy.pool.use(tenant.database, async (db) => {
    const room = await insertRoom(db, { name: "Live Room" });
    await createBooking(
      db,
      {
        roomId: room.id,
        title: "Album tracking",
        blocks: [{ start: new Date("2026-12-07T09:00:00Z"), end: new Date("2026-12-07T17:00:00Z") }],
      },
      { actor: { type: "system" } },
      { timeZone: "Europe/Paris", now: new Date("2026-11-01T00:00:00Z") },
    );
  });
  await withPage(async (page) => {
    const blocked: string[] = [];
    page.on("console", (m) => /Content Security Policy/.test(m.text()) && blocked.push(m.text()));
    await page.goto(`${studio}/sign-in`);
    await page.getByLabel("E-mail address").fill(OWNER.email);
    await page.getByLabel("Password").fill(OWNER.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Dashboard" }).waitFor();
    await page.goto(`${studio}/app/calendar?view=day&date=2026-12-07`);
    await page.getByRole("link", { name: "Day sheet" }).click();
    await page.getByRole("link", { name: "Album tracking" }).waitFor();

    // print.js shows the button once it has wired it; calling print() is stubbed to count.
    await page.evaluate(() => {
      (globalThis as unknown as { printed: number }).printed = 0;
      globalThis.print = () => (globalThis as unknown as { printed: number }).printed++;
    });
    const print = page.getByRole("button", { name: "Print" });
    await print.click();
    assert.equal(await page.evaluate(() => (globalThis as unknown as { printed: number }).printed), 1);
    assert.deepEqual(blocked, []);

    await page.emulateMedia({ media: "print" });
    assert.equal(await page.locator("aside").isVisible(), false, "the sidebar is not printed");
    assert.equal(await print.isVisible(), false, "nor are the buttons");
    assert.equal(await page.getByRole("heading", { level: 1 }).isVisible(), true, "the sheet's title is");
    assert.equal(await page.getByRole("link", { name: "Album tracking" }).isVisible(), true);
    const [main, body] = await Promise.all(
      ["main", "body"].map((s) => page.locator(s).evaluate((el) => el.getBoundingClientRect().width)),
    );
    assert.ok(main > body * 0.9, `the sheet takes the page's width (${main} of ${body})`);
    const background = await page.locator("body").evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.match(background, /rgba\(0, 0, 0, 0\)|transparent/);
  });
});

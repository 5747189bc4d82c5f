import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { withPage } from "../../e2e/browser.ts";
import { OWNER, servedStudio } from "../testing/served_studio.ts";
import { insertClient, insertEngineer, insertGear, insertRoom } from "../testing/scheduling_fixtures.ts";

async function signIn(page: Page, studio: string) {
  await page.goto(`${studio}/sign-in`);
  await page.getByLabel("E-mail address").fill(OWNER.email);
  await page.getByLabel("Password").fill(OWNER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Dashboard" }).waitFor();
}

async function fillDay(page: Page, i: number, day: string, start: string, end: string) {
  await page.locator(`input[name="day${i}"]`).fill(day);
  await page.locator(`input[name="start${i}"]`).fill(start);
  await page.locator(`input[name="end${i}"]`).fill(end);
}

// Journey 7: a session with room, engineer and gear across two non-consecutive days; a clash with the
// same room, engineer or gear is refused naming the conflict; the week calendar shows it in the studio's zone.
Deno.test("journey 7: book room, engineer and gear over two days, see a clash refused, find it on the calendar", async () => {
  await using served = await servedStudio();
  const { studio, t, tenant } = served;
  await t.tenancy.pool.use(tenant.database, async (db) => {
    await insertRoom(db, { name: "Live Room" });
    await insertEngineer(db, { name: "Sam Rivera" });
    await insertGear(db, { name: "Neumann U87", quantity: 1 });
    await insertClient(db, { name: "The Lanterns", kind: "band" });
  });
  await withPage(async (page) => {
    await signIn(page, studio);
    await page.goto(`${studio}/app/sessions/new`);
    await page.getByLabel("Title").fill("Album tracking");
    await page.getByLabel("Client", { exact: true }).selectOption({ label: "The Lanterns" });
    await page.getByLabel("Room").selectOption({ label: "Live Room" });
    await fillDay(page, 0, "2026-12-07", "10:00", "18:00");
    await fillDay(page, 1, "2026-12-10", "14:00", "20:00");
    await page.getByLabel("Sam Rivera").check();
    await page.getByLabel(/Neumann U87/).fill("1");
    await page.getByRole("button", { name: "Book the session" }).click();
    await page.getByRole("heading", { name: "Album tracking" }).waitFor();
    const blocks = await page.getByTestId("blocks").textContent();
    assert.match(blocks ?? "", /Monday, December 7, 2026.*10:00\sAM.*6:00\sPM/s);
    assert.match(blocks ?? "", /Thursday, December 10, 2026, 2:00\s*–\s*8:00\sPM/);

    // The same microphone in another slot-overlapping session is refused, naming the session.
    await page.goto(`${studio}/app/sessions/new`);
    await page.getByLabel("Title").fill("Vocal overdubs");
    await page.getByLabel("Room").selectOption({ label: "Live Room" });
    await fillDay(page, 0, "2026-12-10", "19:00", "21:00");
    await page.getByRole("button", { name: "Book the session" }).click();
    const alert = page.locator("#conflicts");
    await alert.waitFor();
    assert.match(await alert.textContent() ?? "", /Live Room is booked for.*Album tracking/s);

    await page.goto(`${studio}/app/calendar?view=week&date=2026-12-07`);
    const event = page.getByRole("link", { name: /Album tracking/ }).first();
    await event.waitFor();
    assert.match(await event.textContent() ?? "", /10:00\sAM.*6:00\sPM/);
  });
});

async function sessionIdsInList(page: Page, studio: string): Promise<{ title: string; when: string }[]> {
  await page.goto(`${studio}/app/sessions?from=2027-01-01&to=2027-04-30`);
  return await page.locator("tbody tr").evaluateAll((rows) =>
    rows.map((row) => ({
      when: row.querySelector("td")?.textContent ?? "",
      title: `${row.querySelector("th")?.textContent}|${row.querySelectorAll("td")[4]?.textContent}`,
    }))
  );
}

// Journey 8: a weekly series of 12 podcast sessions; one occurrence moved, one cancelled, the others untouched.
Deno.test("journey 8: a weekly series of 12, one occurrence moved and one cancelled alone", async () => {
  await using served = await servedStudio();
  const { studio, t, tenant } = served;
  await t.tenancy.pool.use(tenant.database, (db) => insertRoom(db, { name: "Podcast Booth" }));
  await withPage(async (page) => {
    await signIn(page, studio);
    await page.goto(`${studio}/app/sessions/new`);
    await page.getByLabel("Title").fill("Weekly podcast");
    await page.getByLabel("Room").selectOption({ label: "Podcast Booth" });
    await fillDay(page, 0, "2027-01-05", "18:00", "20:00");
    await page.getByLabel("Repeat", { exact: true }).selectOption("weekly");
    await page.getByLabel("Number of sessions").fill("12");
    await page.getByRole("button", { name: "Book the session" }).click();
    await page.getByRole("heading", { name: "Weekly podcast" }).waitFor();

    let rows = await sessionIdsInList(page, studio);
    assert.equal(rows.length, 12);
    assert.ok(
      rows.every((r) => /6:00\sPM\s*–\s*8:00\sPM/.test(r.when)),
      "every occurrence at 18:00 local time",
    );

    // Move the 3rd occurrence (19 January) to 19:00, only that one.
    await page.getByRole("link", { name: "Weekly podcast" }).nth(2).click();
    await page.getByRole("link", { name: "Change" }).click();
    await fillDay(page, 0, "2027-01-19", "19:00", "21:00");
    await page.getByLabel("Apply the change to").selectOption("this");
    await page.getByRole("button", { name: "Save the changes" }).click();
    await page.getByRole("heading", { name: "Weekly podcast" }).waitFor();

    // Cancel the 5th (2 February), only that one.
    await page.goto(`${studio}/app/sessions?from=2027-02-02&to=2027-02-03`);
    await page.getByRole("link", { name: "Weekly podcast" }).click();
    await page.getByLabel("Cancel which sessions of the series").selectOption("this");
    await page.getByRole("button", { name: "Cancel sessions" }).click();
    await page.getByText("Cancelled").first().waitFor();

    rows = await sessionIdsInList(page, studio);
    assert.equal(rows.length, 11, "the cancelled one is gone from the list, the others remain");
    const moved = rows.filter((r) => /7:00\sPM\s*–\s*9:00\sPM/.test(r.when));
    assert.equal(moved.length, 1, "only the moved occurrence is at 19:00");
  });
});

import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { withPage } from "../../e2e/browser.ts";
import { listAudit } from "../audit/audit.ts";
import { OWNER, servedStudio } from "../testing/served_studio.ts";
import { ROOT } from "../testing/test_app.ts";
import { insertRoom } from "../testing/scheduling_fixtures.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { getBooking } from "./booking_reads.ts";
import { createBooking } from "./bookings.ts";

async function signIn(page: Page, studio: string) {
  await page.goto(`${studio}/sign-in`);
  await page.getByLabel("E-mail address").fill(OWNER.email);
  await page.getByLabel("Password").fill(OWNER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Dashboard" }).waitFor();
}

/** One hour of the grid in CSS pixels (3rem at 16px). */
const HOUR = 48;

/** Drags from a point of `box` by (dx, dy) with the mouse, in small steps as a hand would. */
async function drag(page: Page, from: { x: number; y: number }, dx: number, dy: number) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + dx / 2, from.y + dy / 2, { steps: 4 });
  await page.mouse.move(from.x + dx, from.y + dy, { steps: 4 });
  await page.mouse.up();
}

/** The gzip size of every module the page loaded: the precompressed files the server sends. */
async function gzipBytes(paths: Set<string>): Promise<number> {
  let total = 0;
  for (const path of paths) {
    assert.match(path, /^\/_fw\/[\w-]+\.js$/, "only built modules are loaded");
    total += (await Deno.stat(`${ROOT}/.build/static${path}.gz`)).size;
  }
  return total;
}

// Issue 5, calendar: drag to move or resize with server-side validation, conflicts inline, usable by keyboard.
Deno.test("staff drag a session to a free hour, onto a clash (refused inline), resize it, and move it by keyboard", async () => {
  await using served = await servedStudio();
  const { studio, t, tenant } = served;
  const inStudio = <T>(fn: (db: TenantDb) => Promise<T>) => t.tenancy.pool.use(tenant.database, fn);
  const { room, vocals } = await inStudio(async (db) => {
    const room = await insertRoom(db, { name: "Live Room" });
    const system = { actor: { type: "system" as const } };
    const options = { timeZone: "Europe/Paris" };
    // Tuesday 8 December 2026, Paris time (UTC+1): Vocals 10:00–12:00, Mixing 15:00–17:00.
    const vocals = await createBooking(
      db,
      {
        roomId: room.id,
        title: "Vocals",
        blocks: [{ start: new Date("2026-12-08T09:00:00Z"), end: new Date("2026-12-08T11:00:00Z") }],
      },
      system,
      options,
    );
    await createBooking(
      db,
      {
        roomId: room.id,
        title: "Mixing",
        blocks: [{ start: new Date("2026-12-08T14:00:00Z"), end: new Date("2026-12-08T16:00:00Z") }],
      },
      system,
      options,
    );
    return { room, vocals };
  });
  const storedBlocks = async () =>
    (await inStudio((db) => getBooking(db, vocals.id)))!.blocks.map((b) =>
      `${b.start.toISOString()}/${b.end.toISOString()}`
    );

  await withPage(async (page) => {
    await page.setViewportSize({ width: 1280, height: 1600 });
    await signIn(page, studio);
    const scripts = new Set<string>();
    page.on("request", (req) => {
      if (req.resourceType() === "script") scripts.add(new URL(req.url()).pathname);
    });
    await page.goto(`${studio}/app/calendar?view=week&date=2026-12-07&room=${room.id}`);
    // The script has taken over the block once it shows the grab cursor.
    const block = page.locator("rsm-island a.cursor-grab", { hasText: "Vocals" });
    await block.waitFor();
    const gzipped = await gzipBytes(scripts);
    console.log(`calendar page JavaScript: ${scripts.size} modules, ${gzipped} bytes gzipped`);
    assert.ok(gzipped <= 12_288, `the calendar's JavaScript grew to ${gzipped} bytes gzipped`);
    assert.ok(![...scripts].some((s) => s.includes("rich_props")), "plain props: no devalue, no signals");
    // The live region is visually hidden: wait for it to be in the page with the text, not visible.
    const status = page.locator("rsm-island").filter({ hasText: "Vocals" }).locator("[aria-live]");
    const announced = (text: RegExp) => status.filter({ hasText: text }).waitFor({ state: "attached" });

    // The 10:00 hour is taken by Vocals: no link to book it.
    const bookTen = page.locator(`a[href*="start=${encodeURIComponent("2026-12-08T09:00:00.000Z")}"]`);
    assert.equal(await bookTen.count(), 0);

    // Drag down two hours: 10:00 → 12:00 (12:00–14:00, free).
    let box = (await block.boundingBox())!;
    await drag(page, { x: box.x + box.width / 2, y: box.y + 8 }, 0, 2 * HOUR);
    await announced(/Moved to/);
    // The calendar was reloaded: 10:00 is free to book again, and the moved block has the focus.
    assert.equal(await bookTen.count(), 1, "the free hours follow the move");
    assert.ok(await block.evaluate((a) => a === document.activeElement), "focus stays on the moved block");
    assert.match(await block.textContent() ?? "", /12:00\sPM\s*–\s*2:00\sPM/);
    assert.deepEqual(await storedBlocks(), ["2026-12-08T11:00:00.000Z/2026-12-08T13:00:00.000Z"]);
    const [audit] = await inStudio((db) => listAudit(db, { action: "booking.updated" }));
    assert.equal(audit.entityId, vocals.id);
    assert.equal(audit.actorLabel, OWNER.email);

    // Drag down two more hours, onto Mixing (15:00–17:00): refused, said beside the block, put back.
    box = (await block.boundingBox())!;
    await drag(page, { x: box.x + box.width / 2, y: box.y + 8 }, 0, 2 * HOUR);
    const alert = page.locator("rsm-island [role=alert]");
    await alert.waitFor();
    assert.match(
      await alert.textContent() ?? "",
      /Live Room is booked for “Mixing”: 8 Dec 2026, 15:00–17:00\./,
    );
    const back = (await block.boundingBox())!;
    assert.ok(
      Math.abs(back.y - box.y) < 1 && Math.abs(back.height - box.height) < 1,
      "the block is back in place",
    );
    assert.deepEqual(await storedBlocks(), ["2026-12-08T11:00:00.000Z/2026-12-08T13:00:00.000Z"]);

    // Drag the bottom edge down half an hour: 12:00–14:30.
    box = (await block.boundingBox())!;
    await drag(page, { x: box.x + box.width / 2, y: box.y + box.height - 2 }, 0, HOUR / 2);
    await announced(/Moved to .*2:30/);
    assert.deepEqual(await storedBlocks(), ["2026-12-08T11:00:00.000Z/2026-12-08T13:30:00.000Z"]);
    assert.equal(await alert.count(), 0, "the refusal is gone once the block is dragged again");

    // Keyboard: a day later, an hour earlier, half an hour longer, then Enter → Wednesday 11:00–14:00.
    await block.focus();
    await page.keyboard.press("ArrowRight");
    for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowUp");
    await page.keyboard.press("Shift+ArrowDown");
    await page.keyboard.press("Shift+ArrowDown");
    assert.match(
      await status.textContent() ?? "",
      /New time: Wednesday, December 9.*11:00\sAM\s*–\s*2:00\sPM/,
    );
    await page.keyboard.press("Enter");
    await announced(/Moved to/);
    assert.deepEqual(await storedBlocks(), ["2026-12-09T10:00:00.000Z/2026-12-09T13:00:00.000Z"]);
    assert.equal(
      await block.evaluate((a) => a.closest("section")?.dataset.day),
      "2026-12-08T23:00:00.000Z",
      "the block now sits in Wednesday's column",
    );
    assert.ok(page.url().includes("/app/calendar"), "Enter saved the move instead of following the link");

    // Escape drops a pending keyboard move.
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Escape");
    assert.equal(await status.textContent(), "");

    // A click without a drag still opens the session.
    await block.click();
    await page.getByRole("heading", { name: "Vocals" }).waitFor();
    assert.deepEqual(await storedBlocks(), ["2026-12-09T10:00:00.000Z/2026-12-09T13:00:00.000Z"]);
  });
});

// Issue 5, calendar: a move to another day keeps the wall-clock time across DST; a session that
// crosses midnight moves from either of its two parts.
Deno.test("a session moved onto the DST Sunday keeps 10:00; a night session moves from its second part", async () => {
  await using served = await servedStudio();
  const { studio, t, tenant } = served;
  const inStudio = <T>(fn: (db: TenantDb) => Promise<T>) => t.tenancy.pool.use(tenant.database, fn);
  const { room, vocals, night } = await inStudio(async (db) => {
    const room = await insertRoom(db, { name: "Live Room" });
    const system = { actor: { type: "system" as const } };
    const options = { timeZone: "Europe/Paris" };
    const book = (title: string, start: string, end: string) =>
      createBooking(
        db,
        { roomId: room.id, title, blocks: [{ start: new Date(start), end: new Date(end) }] },
        system,
        options,
      );
    // Saturday 27 March 2027 10:00–12:00 (UTC+1); Paris moves to UTC+2 on Sunday 28 March.
    const vocals = await book("Vocals", "2027-03-27T09:00:00Z", "2027-03-27T11:00:00Z");
    // Wednesday 24 March 23:00 → Thursday 02:00: drawn in two columns.
    const night = await book("Night", "2027-03-24T22:00:00Z", "2027-03-25T01:00:00Z");
    return { room, vocals, night };
  });
  const stored = async (id: string) =>
    (await inStudio((db) => getBooking(db, id)))!.blocks.map((b) =>
      `${b.start.toISOString()}/${b.end.toISOString()}`
    );

  await withPage(async (page) => {
    await page.setViewportSize({ width: 1280, height: 1600 });
    await signIn(page, studio);
    await page.goto(`${studio}/app/calendar?view=week&date=2027-03-22&room=${room.id}`);
    const island = (title: string) => page.locator("rsm-island").filter({ hasText: title });
    const block = island("Vocals").locator("a.cursor-grab");
    await block.waitFor();

    // Keyboard: a day later → Sunday 28 March, still 10:00–12:00 on the studio's clock.
    await block.focus();
    await page.keyboard.press("ArrowRight");
    const status = island("Vocals").locator("[aria-live]");
    assert.match(await status.textContent() ?? "", /New time: Sunday, March 28.*10:00\sAM\s*–\s*12:00\sPM/);
    await page.keyboard.press("Enter");
    await status.filter({ hasText: /Moved to/ }).waitFor({ state: "attached" });
    assert.deepEqual(await stored(vocals.id), ["2027-03-28T08:00:00.000Z/2027-03-28T10:00:00.000Z"]);
    assert.match(await block.textContent() ?? "", /10:00\sAM\s*–\s*12:00\sPM/);

    // The night session: two parts, both movable; only the part holding the end can change it.
    const parts = island("Night").locator("a.cursor-grab");
    assert.equal(await parts.count(), 2);
    assert.equal(await parts.nth(0).locator("[data-resize]").count(), 0);
    assert.equal(await parts.nth(1).locator("[data-resize]").count(), 1);
    // Drag Thursday's part down an hour: the whole session moves to Thursday 00:00–03:00.
    const box = (await parts.nth(1).boundingBox())!;
    await drag(page, { x: box.x + box.width / 2, y: box.y + 8 }, 0, HOUR);
    await island("Night").locator("[aria-live]").filter({ hasText: /Moved to/ }).waitFor({
      state: "attached",
    });
    assert.deepEqual(await stored(night.id), ["2027-03-24T23:00:00.000Z/2027-03-25T02:00:00.000Z"]);
    assert.equal(await parts.count(), 1, "it now fits in Thursday's column");
  });
});

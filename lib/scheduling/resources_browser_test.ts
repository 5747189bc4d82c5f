import assert from "node:assert/strict";
import { withPage } from "../../e2e/browser.ts";
import { listAudit } from "../audit/audit.ts";
import { getStaffByEmail } from "../kv/staff.ts";
import { OWNER, servedStudio } from "../testing/served_studio.ts";
import { listClosures } from "./closures.ts";
import { listEngineers } from "./engineers.ts";
import { listGear } from "./gear.ts";
import { listRooms } from "./rooms.ts";
import { listTimeOff } from "./time_off.ts";

// Journey 5: staff create rooms (hourly, half-day, day and night rates, minimum hours, setup and
// teardown buffers, opening hours, a closure), gear with quantities, and engineers with their
// working hours — in Chromium, without any page script.
Deno.test("journey 5: create a room, gear and an engineer with their hours", async () => {
  await using served = await servedStudio();
  const { studio, t, tenant } = served;
  await withPage(async (page) => {
    await page.goto(`${studio}/sign-in`);
    await page.getByLabel("E-mail address").fill(OWNER.email);
    await page.getByLabel("Password").fill(OWNER.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Dashboard" }).waitFor();
    const nav = page.locator("aside nav");

    // A room, first with overlapping Monday hours.
    await nav.getByRole("link", { name: "Rooms" }).click();
    await page.getByRole("heading", { name: "No rooms yet" }).waitFor();
    await page.getByRole("link", { name: "New room" }).first().click();
    await page.getByLabel(/^Name/).fill("Studio A");
    await page.getByLabel("Kind").selectOption({ label: "Live room" });
    await page.getByLabel(/^Capacity/).fill("6");
    await page.getByLabel("Monday: Opens", { exact: true }).fill("09:00");
    await page.getByLabel("Monday: Closes", { exact: true }).fill("13:00");
    await page.getByLabel("Monday: Opens again").fill("12:00");
    await page.getByLabel("Monday: Closes again").fill("20:00");
    await page.getByLabel("Friday: Opens", { exact: true }).fill("18:00");
    await page.getByLabel("Friday: Closes", { exact: true }).fill("02:00");
    await page.getByLabel(/^Hourly rate \(EUR\)/).fill("60");
    await page.getByLabel("Half-day rate (EUR)", { exact: true }).fill("200");
    await page.getByLabel("Day rate (EUR)", { exact: true }).fill("360");
    await page.getByLabel(/^Night rate per hour/).fill("80");
    await page.getByLabel(/^Minimum booking/).fill("2");
    await page.getByLabel(/^Setup buffer/).fill("15");
    await page.getByLabel(/^Teardown buffer/).fill("30");
    await page.getByRole("button", { name: "Create the room" }).click();

    await page.getByRole("alert").waitFor();
    const monday = page.getByLabel("Monday: Opens", { exact: true });
    assert.equal(await monday.getAttribute("aria-invalid"), "true");
    const errorId = await monday.getAttribute("aria-describedby");
    assert.equal(
      await page.locator(`#${errorId}`).textContent(),
      "09:00–13:00 overlaps 12:00–20:00 on the same day.",
    );
    assert.equal(
      await page.getByLabel(/^Name/).inputValue(),
      "Studio A",
      "what was typed is kept",
    );
    assert.equal(await page.getByLabel(/^Hourly rate \(EUR\)/).inputValue(), "60");

    await page.getByLabel("Monday: Opens again").fill("14:00");
    await page.getByRole("button", { name: "Create the room" }).click();
    await page.getByText("The room is created.").waitFor();
    await page.getByRole("heading", { name: "Studio A" }).waitFor();

    // A closure over the holidays, as whole days in the studio's zone.
    const days = page.locator("form", { has: page.getByLabel("First day") });
    await days.getByLabel("First day").fill("2027-12-24");
    await days.getByLabel("Last day").fill("2027-12-26");
    await days.getByLabel("Reason").fill("Holidays");
    await days.getByRole("button", { name: "Add" }).click();
    await page.getByText("The closure is added.").waitFor();
    assert.ok(await page.getByRole("cell", { name: "Holidays" }).isVisible());

    // Gear with units and a fee per day.
    await nav.getByRole("link", { name: "Gear" }).click();
    await page.getByRole("link", { name: "New gear" }).first().click();
    await page.getByLabel(/^Name/).fill("U 87");
    await page.getByLabel(/^Category/).fill("Microphones");
    await page.getByLabel(/^Units/).fill("2");
    await page.getByLabel(/^Add-on fee \(EUR\)/).fill("25");
    await page.getByLabel("Charged per").selectOption({ label: "Day" });
    await page.getByRole("button", { name: "Add the gear" }).click();
    await page.getByText("The gear is added.").waitFor();
    assert.ok(await page.getByRole("cell", { name: "€25.00 per day" }).isVisible());

    // An engineer linked to the owner's account, with working hours and time off.
    await nav.getByRole("link", { name: "Engineers" }).click();
    await page.getByRole("link", { name: "New engineer" }).first().click();
    await page.getByLabel(/^Name/).fill("Ana Lima");
    await page.getByLabel(/^Staff account/).selectOption({ label: `${OWNER.name} (${OWNER.email})` });
    await page.getByLabel("Tuesday: Opens", { exact: true }).fill("10:00");
    await page.getByLabel("Tuesday: Closes", { exact: true }).fill("19:00");
    await page.getByLabel(/^Hourly rate \(EUR\)/).fill("35");
    await page.getByRole("button", { name: "Add the engineer" }).click();
    await page.getByText("The engineer is added.").waitFor();
    const times = page.locator("form", { has: page.getByLabel("Starts") });
    await times.getByLabel("Starts").fill("2027-03-01T14:00");
    await times.getByLabel("Ends").fill("2027-03-01T18:00");
    await times.getByRole("button", { name: "Add" }).click();
    await page.getByText("The time off is added.").waitFor();
  });

  await t.tenancy.pool.use(tenant.database, async (db) => {
    const [room] = await listRooms(db);
    assert.deepEqual(
      {
        hourly: room.hourlyRate,
        halfDay: room.halfDayRate,
        day: room.dayRate,
        night: room.nightRate,
        minimum: room.minimumMinutes,
        setup: room.setupMinutes,
        teardown: room.teardownMinutes,
        hours: room.openingHours,
      },
      {
        hourly: 6000,
        halfDay: 20000,
        day: 36000,
        night: 8000,
        minimum: 120,
        setup: 15,
        teardown: 30,
        hours: [
          { weekday: 1, open: "09:00", close: "13:00" },
          { weekday: 1, open: "14:00", close: "20:00" },
          { weekday: 5, open: "18:00", close: "02:00" },
        ],
      },
    );
    const [closure] = await listClosures(db, { roomId: room.id });
    assert.equal(closure.startsAt.toISOString(), "2027-12-23T23:00:00.000Z", "midnight in Paris");
    const [mic] = await listGear(db);
    assert.deepEqual([mic.quantity, mic.fee, mic.feePer], [2, 2500, "day"]);
    const [engineer] = await listEngineers(db);
    assert.equal(engineer.staffId, (await getStaffByEmail(t.kv, OWNER.email))!.id);
    const [off] = await listTimeOff(db, engineer.id);
    assert.equal(off.startsAt.toISOString(), "2027-03-01T13:00:00.000Z");
    const actions = (await listAudit(db)).map((entry) => entry.action).filter((a) =>
      !a.startsWith("auth.") && a !== "studio.created"
    );
    assert.deepEqual(actions.toReversed(), [
      "room.created",
      "closure.created",
      "gear.created",
      "engineer.created",
      "time_off.created",
    ]);
  });
});

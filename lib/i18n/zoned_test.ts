import assert from "node:assert/strict";
import { startOfZonedDay, zoneOffsetMs } from "./zoned.ts";

Deno.test("a day starts at the studio's midnight, whatever the season", () => {
  assert.equal(startOfZonedDay("2026-01-15", "Europe/Paris")?.toISOString(), "2026-01-14T23:00:00.000Z");
  assert.equal(startOfZonedDay("2026-07-15", "Europe/Paris")?.toISOString(), "2026-07-14T22:00:00.000Z");
  assert.equal(startOfZonedDay("2026-03-08", "America/New_York")?.toISOString(), "2026-03-08T05:00:00.000Z");
  assert.equal(startOfZonedDay("2026-03-09", "America/New_York")?.toISOString(), "2026-03-09T04:00:00.000Z");
  assert.equal(startOfZonedDay("2026-11-24", "Asia/Kolkata")?.toISOString(), "2026-11-23T18:30:00.000Z");
  assert.equal(startOfZonedDay("2026-02-30", "UTC"), null);
  assert.equal(startOfZonedDay("yesterday", "UTC"), null);
  assert.equal(zoneOffsetMs(Date.UTC(2026, 0, 1), "UTC"), 0);
});

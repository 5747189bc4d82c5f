import assert from "node:assert/strict";
import { calendarWindow } from "./calendar_window.ts";

Deno.test("a week runs Monday to Sunday around the date, and the arrows move a week", () => {
  const w = calendarWindow("week", "2026-11-26", "2026-11-24", "en-GB", "Europe/Paris");
  assert.deepEqual([w.first, w.afterLast, w.days, w.previous, w.next], [
    "2026-11-23",
    "2026-11-30",
    7,
    "2026-11-19",
    "2026-12-03",
  ]);
  assert.equal(w.title, "23–29 Nov 2026");
});

Deno.test("a month covers whole weeks and its arrows go to the 1st of the neighbouring months", () => {
  const m = calendarWindow("month", "2026-12-15", "2026-11-24", "en-GB", "UTC");
  assert.deepEqual([m.first, m.afterLast, m.days, m.previous, m.next], [
    "2026-11-30",
    "2027-01-04",
    35,
    "2026-11-01",
    "2027-01-01",
  ]);
  assert.equal(m.title, "December 2026");
});

Deno.test("an unknown view or a malformed date falls back to this week", () => {
  const w = calendarWindow("year", "2026-02-31", "2026-11-24", "en-GB", "UTC");
  assert.deepEqual([w.view, w.date, w.first], ["week", "2026-11-24", "2026-11-23"]);
});

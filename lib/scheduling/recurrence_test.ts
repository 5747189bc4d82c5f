import assert from "node:assert/strict";
import { ValidationError } from "../errors.ts";
import { MAX_OCCURRENCES, occurrences } from "./recurrence.ts";

const block = (start: string, end: string) => ({ start: new Date(start), end: new Date(end) });
const starts = (series: { start: Date }[][]) => series.map((o) => o[0].start.toISOString());
const local = (d: Date, zone: string) =>
  new Intl.DateTimeFormat("sv-SE", { timeZone: zone, dateStyle: "short", timeStyle: "short" }).format(d);

Deno.test("a weekly series keeps its local time across the DST change (Europe/Paris, March 2026)", () => {
  // Tuesday 2026-03-24 10:00 Paris (UTC+1); from 2026-03-29 Paris is UTC+2.
  const series = occurrences([block("2026-03-24T09:00:00Z", "2026-03-24T11:00:00Z")], {
    frequency: "weekly",
    interval: 1,
    count: 3,
  }, "Europe/Paris");
  assert.deepEqual(starts(series), [
    "2026-03-24T09:00:00.000Z",
    "2026-03-31T08:00:00.000Z",
    "2026-04-07T08:00:00.000Z",
  ]);
  assert.deepEqual(series.map((o) => local(o[0].end, "Europe/Paris")), [
    "2026-03-24 12:00",
    "2026-03-31 12:00",
    "2026-04-07 12:00",
  ]);
});

Deno.test("every N weeks until a local date, inclusive (America/New_York across November's fall back)", () => {
  const series = occurrences([block("2026-10-20T14:00:00Z", "2026-10-20T16:00:00Z")], {
    frequency: "weekly",
    interval: 2,
    until: "2026-11-17",
  }, "America/New_York");
  assert.deepEqual(series.map((o) => local(o[0].start, "America/New_York")), [
    "2026-10-20 10:00",
    "2026-11-03 10:00",
    "2026-11-17 10:00",
  ]);
  assert.equal(series[1][0].start.toISOString(), "2026-11-03T15:00:00.000Z");
});

Deno.test("a multi-block occurrence moves all its blocks together", () => {
  const [, second] = occurrences(
    [
      block("2026-05-04T08:00:00Z", "2026-05-04T12:00:00Z"),
      block("2026-05-06T08:00:00Z", "2026-05-06T12:00:00Z"),
    ],
    { frequency: "weekly", interval: 1, count: 2 },
    "UTC",
  );
  assert.deepEqual(second.map((b) => b.start.toISOString()), [
    "2026-05-11T08:00:00.000Z",
    "2026-05-13T08:00:00.000Z",
  ]);
});

Deno.test("monthly by weekday: the 2nd Tuesday each month, and a 5th weekday becomes the last", () => {
  const second = occurrences([block("2026-01-13T18:00:00Z", "2026-01-13T20:00:00Z")], {
    frequency: "monthly_weekday",
    interval: 1,
    count: 4,
  }, "UTC");
  assert.deepEqual(starts(second).map((s) => s.slice(0, 10)), [
    "2026-01-13",
    "2026-02-10",
    "2026-03-10",
    "2026-04-14",
  ]);
  const fifth = occurrences([block("2026-01-29T18:00:00Z", "2026-01-29T20:00:00Z")], {
    frequency: "monthly_weekday",
    interval: 1,
    count: 3,
  }, "UTC");
  // Thursday 29 January is the 5th Thursday; February and March have four, so their last (26th each).
  assert.deepEqual(starts(fifth).map((s) => s.slice(0, 10)), ["2026-01-29", "2026-02-26", "2026-03-26"]);
});

Deno.test("a rule without an end, or an endless one, is refused with the field to fix", () => {
  const first = [block("2026-01-13T18:00:00Z", "2026-01-13T20:00:00Z")];
  assert.throws(() => occurrences(first, { frequency: "weekly", interval: 1 }, "UTC"), ValidationError);
  assert.throws(
    () => occurrences(first, { frequency: "weekly", interval: 0, count: 2 }, "UTC"),
    ValidationError,
  );
  assert.throws(
    () => occurrences(first, { frequency: "weekly", interval: 1, until: "2036-01-01" }, "UTC"),
    (err) => err instanceof ValidationError && /at most 200/.test(err.fields["series.until"]),
  );
  assert.equal(
    occurrences(first, { frequency: "weekly", interval: 1, count: MAX_OCCURRENCES }, "UTC").length,
    200,
  );
});

Deno.test("an end date that names no day is a field error, not a crash", () => {
  const first = [block("2026-01-13T18:00:00Z", "2026-01-13T20:00:00Z")];
  assert.throws(
    () => occurrences(first, { frequency: "weekly", interval: 1, until: "2026-02-31" }, "UTC"),
    (err) => err instanceof ValidationError && err.fields.until === "Enter a date.",
  );
});

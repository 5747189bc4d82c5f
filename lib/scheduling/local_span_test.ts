import assert from "node:assert/strict";
import { ValidationError } from "../errors.ts";
import { localSpanOf, spanInstants } from "./local_span.ts";

function refusal(fn: () => unknown): Record<string, string> {
  try {
    fn();
  } catch (err) {
    if (err instanceof ValidationError) return err.fields;
    throw err;
  }
  assert.fail("the span was accepted");
}

Deno.test("whole days run from the first day's start to the end of the last, on the studio's clocks", () => {
  const span = spanInstants({ kind: "days", from: "2026-12-24", to: "2026-12-26" }, "Europe/Paris");
  assert.equal(span.startsAt.toISOString(), "2026-12-23T23:00:00.000Z");
  assert.equal(span.endsAt.toISOString(), "2026-12-26T23:00:00.000Z");
  const ny = spanInstants({ kind: "days", from: "2026-07-04", to: "2026-07-04" }, "America/New_York");
  assert.equal(ny.startsAt.toISOString(), "2026-07-04T04:00:00.000Z");
  assert.equal(ny.endsAt.toISOString(), "2026-07-05T04:00:00.000Z");
});

Deno.test("a day across a DST change lasts 23 or 25 hours", () => {
  const spring = spanInstants({ kind: "days", from: "2026-03-29", to: "2026-03-29" }, "Europe/Paris");
  assert.equal(spring.endsAt.getTime() - spring.startsAt.getTime(), 23 * 3_600_000);
  const fall = spanInstants({ kind: "days", from: "2026-11-01", to: "2026-11-01" }, "America/New_York");
  assert.equal(fall.endsAt.getTime() - fall.startsAt.getTime(), 25 * 3_600_000);
});

Deno.test("times are local; a time the clocks skip reads as after the jump", () => {
  const span = spanInstants(
    { kind: "times", start: "2026-03-29T02:30", end: "2026-03-29T05:00" },
    "Europe/Paris",
  );
  assert.equal(span.startsAt.toISOString(), "2026-03-29T01:30:00.000Z", "02:30 does not exist: 03:30 CEST");
  assert.equal(span.endsAt.toISOString(), "2026-03-29T03:00:00.000Z");
});

Deno.test("ends before starts, impossible dates and spans over a year are field errors", () => {
  assert.deepEqual(
    Object.keys(refusal(() => spanInstants({ kind: "days", from: "2026-05-02", to: "2026-05-01" }, "UTC"))),
    ["to"],
  );
  assert.match(
    refusal(() => spanInstants({ kind: "times", start: "2026-05-02T10:00", end: "2026-05-02T10:00" }, "UTC"))
      .end,
    /after the start/,
  );
  assert.deepEqual(
    Object.keys(refusal(() => spanInstants({ kind: "days", from: "2026-02-30", to: "" }, "UTC"))).sort(),
    ["from", "to"],
  );
  assert.match(
    refusal(() => spanInstants({ kind: "days", from: "2026-01-01", to: "2027-06-01" }, "UTC")).to,
    /At most 366 days/,
  );
  assert.ok(refusal(() => spanInstants({ kind: "times", start: "2026-05-02 10:00", end: "x" }, "UTC")).start);
});

Deno.test("a stored span reads back as the days or times it was entered as", () => {
  const zone = "Europe/Paris";
  const days = { kind: "days" as const, from: "2026-03-28", to: "2026-03-30" };
  const stored = spanInstants(days, zone);
  assert.deepEqual(localSpanOf(stored.startsAt, stored.endsAt, zone), days);
  const times = { kind: "times" as const, start: "2026-10-25T01:00", end: "2026-10-25T14:15" };
  const storedTimes = spanInstants(times, zone);
  assert.deepEqual(localSpanOf(storedTimes.startsAt, storedTimes.endsAt, zone), times);
});

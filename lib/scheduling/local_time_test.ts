import assert from "node:assert/strict";
import { addDays, localParts, startOfWeek, zonedInstant } from "./local_time.ts";
import fc from "fast-check";
import { Temporal } from "temporal-polyfill";

Deno.test("local date and time in a zone name one instant, DST included", () => {
  assert.equal(
    zonedInstant("2026-07-01", "10:00", "Europe/Paris")?.toISOString(),
    "2026-07-01T08:00:00.000Z",
  );
  assert.equal(
    zonedInstant("2026-01-01", "10:00", "Europe/Paris")?.toISOString(),
    "2026-01-01T09:00:00.000Z",
  );
  // 02:30 does not exist in Paris on 29 March 2026; it moves forward to 03:30 summer time.
  assert.equal(
    zonedInstant("2026-03-29", "02:30", "Europe/Paris")?.toISOString(),
    "2026-03-29T01:30:00.000Z",
  );
  assert.deepEqual(localParts(new Date("2026-11-01T05:30:00Z"), "America/New_York"), {
    date: "2026-11-01",
    time: "01:30",
  });
});

Deno.test("malformed dates and times are null, not a wrong instant", () => {
  for (
    const [date, time] of [["2026-02-30", "10:00"], ["2026-01-01", "24:00"], ["01/02/2026", "10:00"], [
      "",
      "",
    ]]
  ) {
    assert.equal(zonedInstant(date, time, "UTC"), null, `${date} ${time}`);
  }
});

Deno.test("weeks start on Monday and days add across month ends", () => {
  assert.equal(startOfWeek("2026-11-29"), "2026-11-23");
  assert.equal(startOfWeek("2026-11-23"), "2026-11-23");
  assert.equal(addDays("2026-12-30", 3), "2027-01-02");
});

Deno.test("local parts agree with Temporal for any instant in the studios' zones", () => {
  const zones = [
    "Europe/Paris",
    "America/New_York",
    "Asia/Kolkata",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "UTC",
  ];
  fc.assert(
    fc.property(
      fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2100, 0, 1) }),
      fc.constantFrom(...zones),
      (ms, zone) => {
        const local = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone);
        assert.deepEqual(localParts(new Date(ms), zone), {
          date: local.toPlainDate().toString(),
          time: local.toPlainTime().toString().slice(0, 5),
        });
      },
    ),
    { numRuns: 2000 },
  );
  assert.throws(() => localParts(new Date(), "Mars/Olympus"), RangeError);
});

Deno.test("local parts asked again within a minute agree with Temporal, across DST and old offsets", () => {
  const temporalParts = (ms: number, zone: string) => {
    const local = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone);
    return { date: local.toPlainDate().toString(), time: local.toPlainTime().toString().slice(0, 5) };
  };
  // Monrovia kept −0:44:30 until 1972: its local minutes start half-way through UTC minutes.
  const zones = ["Europe/Paris", "America/New_York", "Asia/Kolkata", "Africa/Monrovia"];
  fc.assert(
    fc.property(
      fc.integer({ min: Date.UTC(1960, 0, 1), max: Date.UTC(2100, 0, 1) }),
      fc.array(fc.integer({ min: -90_000, max: 90_000 }), { minLength: 1, maxLength: 8 }),
      fc.constantFrom(...zones),
      (ms, steps, zone) => {
        for (const at of [ms, ...steps.map((step) => ms + step)]) {
          assert.deepEqual(localParts(new Date(at), zone), temporalParts(at, zone));
        }
      },
    ),
    { numRuns: 1000 },
  );
  // Second by second through Paris' spring-forward minute and a Monrovia minute of 1960.
  for (const start of [Date.UTC(2026, 2, 29, 0, 59), Date.UTC(1960, 5, 1, 12, 0)]) {
    for (let at = start; at < start + 120_000; at += 1_000) {
      for (const zone of ["Europe/Paris", "Africa/Monrovia"]) {
        assert.deepEqual(localParts(new Date(at), zone), temporalParts(at, zone));
      }
    }
  }
});

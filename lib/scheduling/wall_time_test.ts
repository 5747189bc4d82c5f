import assert from "node:assert/strict";
import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import {
  addLocalDays,
  DAY_MS,
  formatLocalDate,
  isoWeekday,
  isTimeZone,
  parseClock,
  parseLocalDate,
  zoneTimeline,
} from "./wall_time.ts";

const wall = (text: string) => Date.parse(`${text}Z`);
const instant = (text: string) => Temporal.Instant.from(text).epochMilliseconds;
const YEAR_2026: [number, number] = [Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1)];

Deno.test("a wall time in the spring-forward gap has no instant and resolves forward by the gap", () => {
  const paris = zoneTimeline("Europe/Paris", ...YEAR_2026);
  assert.deepEqual(paris.instantsAt(wall("2026-03-29T02:30")), []);
  assert.equal(paris.resolve(wall("2026-03-29T02:30")), instant("2026-03-29T03:30+02:00"));
  assert.equal(paris.resolve(wall("2026-03-29T02:00")), instant("2026-03-29T03:00+02:00"));
  assert.deepEqual(paris.instantsAt(wall("2026-03-29T01:59")), [instant("2026-03-29T01:59+01:00")]);
});

Deno.test("a wall time in the fall-back overlap has two instants and resolves to the earlier", () => {
  const newYork = zoneTimeline("America/New_York", ...YEAR_2026);
  assert.deepEqual(newYork.instantsAt(wall("2026-11-01T01:30")), [
    instant("2026-11-01T01:30-04:00"),
    instant("2026-11-01T01:30-05:00"),
  ]);
  assert.equal(newYork.resolve(wall("2026-11-01T01:30")), instant("2026-11-01T01:30-04:00"));
  assert.equal(newYork.wallTimeOf(instant("2026-11-01T01:30-05:00")), wall("2026-11-01T01:30"));
});

Deno.test("wall bounds widen across a fall-back night, because the clock shows 01:00–02:00 twice", () => {
  const newYork = zoneTimeline("America/New_York", ...YEAR_2026);
  const [low, high] = newYork.wallBounds(
    instant("2026-11-01T01:30-04:00"),
    instant("2026-11-01T01:15-05:00"),
  );
  assert.equal(low, wall("2026-11-01T01:00"));
  assert.equal(high, wall("2026-11-01T02:00"));
});

Deno.test("conversions agree with Temporal in zones with odd offsets and midnight transitions", () => {
  const zones = [
    "Europe/Paris",
    "America/New_York",
    "America/Santiago",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "America/St_Johns",
    "Asia/Kolkata",
    "UTC",
  ];
  const timelines = new Map(zones.map((zone) => [zone, zoneTimeline(zone, ...YEAR_2026)]));
  // Half the samples fall within a few hours of one of the zone's 2026 transitions.
  const transitions = new Map(zones.map((zone) => [zone, transitionWallTimes(zone)]));
  const sample = fc.constantFrom(...zones).chain((zone) =>
    fc.tuple(
      fc.constant(zone),
      fc.oneof(
        fc.integer({ min: 0, max: 364 * 24 * 4 }).map((quarterHours) =>
          YEAR_2026[0] + quarterHours * 900_000
        ),
        fc.tuple(fc.constantFrom(...transitions.get(zone)!), fc.integer({ min: -16, max: 16 }))
          .map(([at, quarterHours]) => at + quarterHours * 900_000),
      ),
    )
  );
  fc.assert(
    fc.property(
      sample,
      ([zone, wallTime]) => {
        const timeline = timelines.get(zone)!;
        const local = Temporal.PlainDateTime.from(new Date(wallTime).toISOString().slice(0, 16));
        const earlier = local.toZonedDateTime(zone, { disambiguation: "earlier" });
        const later = local.toZonedDateTime(zone, { disambiguation: "later" });
        const exists = earlier.toPlainDateTime().equals(local);
        const expected = !exists
          ? []
          : earlier.epochMilliseconds === later.epochMilliseconds
          ? [earlier.epochMilliseconds]
          : [earlier.epochMilliseconds, later.epochMilliseconds];
        assert.deepEqual(timeline.instantsAt(wallTime), expected);
        const compatible = local.toZonedDateTime(zone);
        assert.equal(timeline.resolve(wallTime), compatible.epochMilliseconds);
        assert.equal(
          timeline.wallTimeOf(compatible.epochMilliseconds),
          Date.parse(`${compatible.toPlainDateTime().toString()}Z`),
        );
      },
    ),
    { numRuns: 2000 },
  );
});

/** The start of 2026 and the wall times (old offset) at which the zone's clocks change in 2026. */
function transitionWallTimes(zone: string): number[] {
  const found = [YEAR_2026[0]];
  let at = Temporal.Instant.fromEpochMilliseconds(YEAR_2026[0]).toZonedDateTimeISO(zone);
  for (;;) {
    const next = at.getTimeZoneTransition("next");
    if (!next || next.epochMilliseconds >= YEAR_2026[1]) return found;
    found.push(next.epochMilliseconds + at.offsetNanoseconds / 1e6);
    at = next;
  }
}

Deno.test("local days keep the clock time across a DST change", () => {
  const before = instant("2026-03-28T10:00+01:00");
  assert.equal(addLocalDays(before, 1, "Europe/Paris"), instant("2026-03-29T10:00+02:00"));
  assert.equal(addLocalDays(before, 1, "Europe/Paris") - before, 23 * 3600_000);
});

Deno.test("dates, weekdays and clock readings parse strictly", () => {
  assert.equal(parseLocalDate("2026-03-29"), Date.UTC(2026, 2, 29) / DAY_MS);
  assert.equal(parseLocalDate("2026-02-30"), undefined);
  assert.equal(parseLocalDate("2026-3-29"), undefined);
  assert.equal(formatLocalDate(Date.UTC(2026, 9, 25) / DAY_MS), "2026-10-25");
  assert.equal(isoWeekday(Date.UTC(2026, 2, 29) / DAY_MS), 7);
  assert.equal(isoWeekday(Date.UTC(2026, 2, 30) / DAY_MS), 1);
  assert.equal(isoWeekday(Date.UTC(1969, 11, 29) / DAY_MS), 1);
  assert.equal(parseClock("09:30"), 570);
  assert.equal(parseClock("24:00"), undefined);
  assert.equal(parseClock("24:00", true), 1440);
  assert.equal(parseClock("9:30"), undefined);
  assert.equal(parseClock("23:60"), undefined);
  assert.equal(isTimeZone("Europe/Paris"), true);
  assert.equal(isTimeZone("Mars/Olympus_Mons"), false);
});

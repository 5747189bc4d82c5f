/**
 * Property tests of the availability engine against random rooms, engineers, bookings and zones
 * around DST changes. The oracle below re-derives openings and the slot grid with Temporal
 * objects and brute force, independently of the engine's offset arithmetic and range sweeps.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import {
  availableSlots,
  type BookableResource,
  type BusyRange,
  type SlotQuery,
  type TimeRange,
  whyUnavailable,
} from "./availability.ts";

const MINUTE = 60_000;
const ZONES = [
  "Europe/Paris",
  "America/New_York",
  "America/Santiago", // clocks change at midnight: openings at 00:00 fall into gaps
  "Australia/Lord_Howe", // a 30-minute DST shift
  "Asia/Kolkata",
  "UTC",
];
// 2026 DST changes of those zones, plus a quiet date.
const DATES = [
  "2026-03-08",
  "2026-03-29",
  "2026-04-05",
  "2026-09-06",
  "2026-10-04",
  "2026-10-25",
  "2026-11-01",
  "2026-06-15",
];

// ---- random rules ----

// Every 2026 change above happens on a Sunday (Santiago's at the end of Saturday), between 00:00
// and 03:00: half the clock readings and weekdays are drawn from there.
const clock = fc.oneof(fc.integer({ min: 0, max: 95 }), fc.integer({ min: 0, max: 12 }))
  .map((quarter) => hhmm(quarter * 15));
const hours = fc.array(
  fc.record({
    weekday: fc.oneof(fc.integer({ min: 1, max: 7 }), fc.constantFrom(6, 7)),
    open: clock,
    close: fc.oneof({ weight: 6, arbitrary: clock }, { weight: 1, arbitrary: fc.constant("24:00") }),
  }),
  { minLength: 4, maxLength: 12 },
);
const offsets = (count: number, maxLength: number) =>
  fc.array(
    fc.record({
      minute: fc.integer({ min: -1440, max: 5 * 1440 }),
      length: fc.integer({ min: 5, max: maxLength }),
    }),
    { maxLength: count },
  );
const resource = fc.record({
  zone: fc.constantFrom(...ZONES),
  hours,
  busy: offsets(15, 180),
  closures: offsets(2, 600),
  closedDates: fc.array(
    fc.record({ day: fc.integer({ min: -2, max: 5 }), length: fc.integer({ min: 0, max: 1 }) }),
    {
      maxLength: 2,
    },
  ),
  setup: fc.integer({ min: 0, max: 6 }).map((n) => n * 10),
  teardown: fc.integer({ min: 0, max: 6 }).map((n) => n * 10),
});
type ResourceSeed = typeof resource extends fc.Arbitrary<infer T> ? T : never;

const scenario = fc.record({
  date: fc.constantFrom(...DATES),
  shiftDays: fc.oneof(fc.constant(0), fc.integer({ min: -2, max: 1 })),
  startMinute: fc.integer({ min: 0, max: 1439 }),
  windowHours: fc.integer({ min: 12, max: 72 }),
  room: resource,
  engineer: fc.option(resource, { nil: undefined, freq: 2 }),
  duration: fc.integer({ min: 1, max: 16 }).map((n) => n * 15),
  step: fc.constantFrom(15, 20, 30, 45, 60, 90),
  nowMinute: fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: -4320, max: 0 }) },
    fc.integer({ min: 0, max: 1440 }),
  ),
  notice: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 720 })),
  horizon: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined, freq: 2 }),
}).map((seed): SlotQuery => {
  const day = Temporal.PlainDate.from(seed.date).add({ days: seed.shiftDays });
  const from = day.toZonedDateTime(seed.room.zone).epochMilliseconds + seed.startMinute * MINUTE;
  const build = (id: string, r: ResourceSeed): BookableResource => ({
    id,
    timeZone: r.zone,
    hours: r.hours,
    busy: r.busy.map((b, i) => ({
      id: `${id}-b${i}`,
      start: from + b.minute * MINUTE,
      end: from + (b.minute + b.length) * MINUTE,
    })),
    closures: r.closures.map((c) => ({
      start: from + c.minute * MINUTE,
      end: from + (c.minute + c.length) * MINUTE,
    })),
    closedDates: r.closedDates.map((c) => ({
      from: day.add({ days: c.day }).toString(),
      to: day.add({ days: c.day + c.length }).toString(),
    })),
    setupMinutes: r.setup,
    teardownMinutes: r.teardown,
  });
  return {
    resources: seed.engineer
      ? [build("room", seed.room), build("engineer", seed.engineer)]
      : [build("room", seed.room)],
    now: from + seed.nowMinute * MINUTE,
    from,
    to: from + seed.windowHours * 60 * MINUTE,
    durationMinutes: seed.duration,
    stepMinutes: seed.step,
    minimumNoticeMinutes: seed.notice,
    horizonDays: seed.horizon,
  };
});

// ---- the oracle, in Temporal objects ----

interface OracleOpening extends TimeRange {
  openAt: Temporal.PlainDateTime;
}

/** A resource's openings on local dates around [start, end], closed dates left out. */
function oracleOpenings(r: BookableResource, start: number, end: number): OracleOpening[] {
  const first = localDate(start, r.timeZone).subtract({ days: 2 });
  const last = localDate(end, r.timeZone);
  const found: OracleOpening[] = [];
  for (let date = first; Temporal.PlainDate.compare(date, last) <= 0; date = date.add({ days: 1 })) {
    const text = date.toString();
    if (r.closedDates?.some((closed) => closed.from <= text && text <= closed.to)) continue;
    for (const h of r.hours.filter((h) => h.weekday === date.dayOfWeek)) {
      const openAt = date.toPlainDateTime(h.open);
      const closeAt = h.close === "24:00" || h.close <= h.open
        ? date.add({ days: 1 }).toPlainDateTime(h.close === "24:00" ? "00:00" : h.close)
        : date.toPlainDateTime(h.close);
      const opening = {
        openAt,
        start: openAt.toZonedDateTime(r.timeZone).epochMilliseconds,
        end: closeAt.toZonedDateTime(r.timeZone).epochMilliseconds,
      };
      if (opening.end > opening.start) found.push(opening);
    }
  }
  return found;
}

/** Whether [start, end) is inside the union of some openings (walking from the one holding start). */
function withinOpenings(openings: TimeRange[], start: number, end: number): boolean {
  let reach = start;
  for (let grew = true; grew && reach < end;) {
    grew = false;
    for (const o of openings) {
      if (o.start <= reach && o.end > reach) {
        reach = o.end;
        grew = true;
      }
    }
  }
  return reach >= end;
}

function blockedFor(r: BookableResource, slot: TimeRange): BusyRange[] {
  const buffered = {
    start: slot.start - (r.setupMinutes ?? 0) * MINUTE,
    end: slot.end + (r.teardownMinutes ?? 0) * MINUTE,
  };
  return [...(r.busy ?? []), ...(r.closures ?? [])].filter((b) =>
    b.start < buffered.end && buffered.start < b.end
  );
}

function latestStart(q: SlotQuery): number {
  return q.horizonDays === undefined ? Infinity : Temporal.Instant.fromEpochMilliseconds(q.now)
    .toZonedDateTimeISO(q.resources[0].timeZone).add({ days: q.horizonDays }).epochMilliseconds;
}

/** Every start on the room's wall-time grid: each clock reading open + k·step, at each instant it occurs. */
function gridStarts(q: SlotQuery): number[] {
  const room = q.resources[0];
  const starts = new Set<number>();
  for (const opening of oracleOpenings(room, q.from, q.to)) {
    if (opening.end <= q.from || opening.start >= q.to) continue;
    const span = Math.ceil((opening.end - opening.start) / MINUTE / q.stepMinutes) + 4;
    for (let k = -4; k <= span; k++) {
      const wall = opening.openAt.add({ minutes: k * q.stepMinutes });
      const earlier = wall.toZonedDateTime(room.timeZone, { disambiguation: "earlier" });
      if (!earlier.toPlainDateTime().equals(wall)) continue; // in a spring-forward gap
      const later = wall.toZonedDateTime(room.timeZone, { disambiguation: "later" });
      for (const start of [earlier.epochMilliseconds, later.epochMilliseconds]) {
        if (start >= opening.start && start < opening.end && start >= q.from && start < q.to) {
          starts.add(start);
        }
      }
    }
  }
  return [...starts].sort((a, b) => a - b);
}

function oracleIsFree(q: SlotQuery, start: number): boolean {
  const slot = { start, end: start + q.durationMinutes * MINUTE };
  if (start < q.now + (q.minimumNoticeMinutes ?? 0) * MINUTE || start > latestStart(q)) return false;
  return q.resources.every((r) =>
    withinOpenings(oracleOpenings(r, slot.start, slot.end), slot.start, slot.end) &&
    !blockedFor(r, slot).length
  );
}

function localDate(instant: number, zone: string): Temporal.PlainDate {
  return Temporal.Instant.fromEpochMilliseconds(instant).toZonedDateTimeISO(zone).toPlainDate();
}

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

// ---- the properties ----

const RUNS = { numRuns: 200 };

Deno.test("property: no slot overlaps a booking or closure of any resource, buffers included", () => {
  fc.assert(
    fc.property(scenario, (q) => {
      for (const slot of availableSlots(q)) {
        for (const r of q.resources) assert.deepEqual(blockedFor(r, slot), [], `${r.id} at ${slot.start}`);
      }
    }),
    RUNS,
  );
});

Deno.test("property: every slot lies within every resource's opening hours in local time", () => {
  fc.assert(
    fc.property(scenario, (q) => {
      for (const slot of availableSlots(q)) {
        for (const r of q.resources) {
          assert.ok(
            withinOpenings(oracleOpenings(r, slot.start, slot.end), slot.start, slot.end),
            `${r.id} ${slot.start}`,
          );
        }
      }
    }),
    RUNS,
  );
});

Deno.test("property: slots respect notice, horizon and window, last their duration, sorted without duplicates", () => {
  fc.assert(
    fc.property(scenario, (q) => {
      const slots = availableSlots(q);
      const earliest = Math.max(q.from, q.now + (q.minimumNoticeMinutes ?? 0) * MINUTE);
      slots.forEach((slot, i) => {
        assert.ok(slot.start >= earliest && slot.start < q.to && slot.start <= latestStart(q));
        assert.equal(slot.end - slot.start, q.durationMinutes * MINUTE);
        if (i) assert.ok(slot.start > slots[i - 1].start);
      });
    }),
    RUNS,
  );
});

Deno.test("property: the slots are exactly the free starts on the room's wall-time grid", () => {
  fc.assert(
    fc.property(scenario, (q) => {
      const expected = gridStarts(q).filter((start) => oracleIsFree(q, start));
      assert.deepEqual(availableSlots(q).map((slot) => slot.start), expected);
    }),
    RUNS,
  );
});

Deno.test("property: whyUnavailable refuses exactly the grid starts that are not offered", () => {
  fc.assert(
    fc.property(scenario, (q) => {
      const offered = new Set(availableSlots(q).map((slot) => slot.start));
      for (const start of gridStarts(q)) {
        const refusals = whyUnavailable(q, { start, end: start + q.durationMinutes * MINUTE });
        assert.equal(refusals.length === 0, offered.has(start), `${start}: ${JSON.stringify(refusals)}`);
      }
    }),
    RUNS,
  );
});

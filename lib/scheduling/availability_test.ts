import assert from "node:assert/strict";
import { Temporal } from "temporal-polyfill";
import { ValidationError } from "../errors.ts";
import {
  availableSlots,
  type BookableResource,
  type Slot,
  type SlotQuery,
  type WeeklyHours,
  whyUnavailable,
} from "./availability.ts";

const PARIS = "Europe/Paris";
const NEW_YORK = "America/New_York";
const HOUR = 3_600_000;

/** The instant of a local wall time, read as Temporal's default ("compatible") would. */
function at(zone: string, local: string): number {
  return Temporal.PlainDateTime.from(local).toZonedDateTime(zone).epochMilliseconds;
}

/** "2026-03-29T03:00+02:00": local time with its offset, so DST shows in the expectations. */
function show(instant: number, zone = PARIS): string {
  return Temporal.Instant.fromEpochMilliseconds(instant).toZonedDateTimeISO(zone)
    .toString({ smallestUnit: "minute", timeZoneName: "never" });
}

function starts(slots: Slot[], zone = PARIS): string[] {
  return slots.map((slot) => show(slot.start, zone));
}

function days(weekdays: number[], open: string, close: string): WeeklyHours[] {
  return weekdays.map((weekday) => ({ weekday, open, close }));
}

const WEEKDAYS = [1, 2, 3, 4, 5];
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];

function room(overrides: Partial<BookableResource> = {}): BookableResource {
  return { id: "room-a", timeZone: PARIS, hours: days(WEEKDAYS, "09:00", "18:00"), ...overrides };
}

/** Slots over the week of Monday 2026-06-01 in Paris, asked long before (no notice, no horizon). */
function slots(overrides: Partial<SlotQuery> = {}): Slot[] {
  return availableSlots({
    resources: [room()],
    now: Date.UTC(2026, 0, 1),
    from: at(PARIS, "2026-06-01T00:00"),
    to: at(PARIS, "2026-06-08T00:00"),
    durationMinutes: 60,
    stepMinutes: 60,
    ...overrides,
  });
}

Deno.test("a plain week offers each weekday's hours on the hour and nothing at the weekend", () => {
  const found = starts(slots());
  assert.equal(found.length, 5 * 9);
  assert.equal(found[0], "2026-06-01T09:00+02:00");
  assert.equal(found[8], "2026-06-01T17:00+02:00");
  assert.equal(found.at(-1), "2026-06-05T17:00+02:00");
  assert.ok(slots().every((slot) => slot.end - slot.start === HOUR));
});

Deno.test("an overnight opening belongs to the evening it starts and runs past midnight", () => {
  const nights = room({ hours: [{ weekday: 5, open: "20:00", close: "04:00" }] });
  assert.deepEqual(starts(slots({ resources: [nights], durationMinutes: 120 })), [
    "2026-06-05T20:00+02:00",
    "2026-06-05T21:00+02:00",
    "2026-06-05T22:00+02:00",
    "2026-06-05T23:00+02:00",
    "2026-06-06T00:00+02:00",
    "2026-06-06T01:00+02:00",
    "2026-06-06T02:00+02:00",
  ]);
  // Asked for Saturday alone, the starts after midnight still come from Friday's opening.
  const saturday = { from: at(PARIS, "2026-06-06T00:00"), to: at(PARIS, "2026-06-07T00:00") };
  assert.deepEqual(starts(slots({ resources: [nights], durationMinutes: 120, ...saturday })), [
    "2026-06-06T00:00+02:00",
    "2026-06-06T01:00+02:00",
    "2026-06-06T02:00+02:00",
  ]);
});

Deno.test("a close of 24:00 ends at midnight and a close equal to the open lasts a whole day", () => {
  const evening = room({ hours: [{ weekday: 6, open: "18:00", close: "24:00" }] });
  assert.deepEqual(starts(slots({ resources: [evening], durationMinutes: 120 })), [
    "2026-06-06T18:00+02:00",
    "2026-06-06T19:00+02:00",
    "2026-06-06T20:00+02:00",
    "2026-06-06T21:00+02:00",
    "2026-06-06T22:00+02:00",
  ]);
  const roundTheClock = room({ hours: [{ weekday: 3, open: "06:00", close: "06:00" }] });
  const found = starts(slots({ resources: [roundTheClock] }));
  assert.equal(found.length, 24);
  assert.equal(found[0], "2026-06-03T06:00+02:00");
  assert.equal(found.at(-1), "2026-06-04T05:00+02:00");
});

Deno.test("touching openings join, and a repeated opening gives no duplicate slots", () => {
  const split = room({
    hours: [...days([1], "09:00", "12:00"), ...days([1], "12:00", "18:00"), ...days([1], "09:00", "18:00")],
  });
  const found = starts(slots({ resources: [split], durationMinutes: 120 }));
  assert.equal(found.length, 8);
  assert.ok(found.includes("2026-06-01T11:00+02:00"), "a session may run across noon");
  assert.equal(new Set(found).size, found.length);
});

Deno.test("a closed date cancels the openings that begin on it, not the night before", () => {
  const nights = room({
    hours: days(EVERY_DAY, "20:00", "04:00"),
    closedDates: [{ from: "2026-06-06", to: "2026-06-06" }],
  });
  const found = starts(
    slots({ resources: [nights], from: at(PARIS, "2026-06-05T12:00"), to: at(PARIS, "2026-06-07T12:00") }),
  );
  assert.deepEqual(found, [
    "2026-06-05T20:00+02:00",
    "2026-06-05T21:00+02:00",
    "2026-06-05T22:00+02:00",
    "2026-06-05T23:00+02:00",
    "2026-06-06T00:00+02:00",
    "2026-06-06T01:00+02:00",
    "2026-06-06T02:00+02:00",
    "2026-06-06T03:00+02:00",
  ]);
  const holidayWeek = room({ closedDates: [{ from: "2026-06-02", to: "2026-06-04" }] });
  assert.equal(slots({ resources: [holidayWeek] }).length, 2 * 9);
});

Deno.test("a maintenance window removes the sessions it touches, setup time included", () => {
  const maintenance = { start: at(PARIS, "2026-06-02T12:00"), end: at(PARIS, "2026-06-02T14:00") };
  const tuesday = { from: at(PARIS, "2026-06-02T00:00"), to: at(PARIS, "2026-06-03T00:00") };
  const found = starts(slots({ resources: [room({ closures: [maintenance] })], ...tuesday }));
  assert.ok(found.includes("2026-06-02T11:00+02:00"));
  assert.ok(!found.includes("2026-06-02T12:00+02:00"));
  assert.ok(!found.includes("2026-06-02T13:00+02:00"));
  assert.ok(found.includes("2026-06-02T14:00+02:00"));
  const withSetup = starts(
    slots({ resources: [room({ closures: [maintenance], setupMinutes: 30 })], ...tuesday }),
  );
  assert.ok(!withSetup.includes("2026-06-02T14:00+02:00"));
  assert.ok(withSetup.includes("2026-06-02T15:00+02:00"));
});

Deno.test("the room's setup and teardown must not meet another booking, but may fall outside opening hours", () => {
  const booking = { id: "b1", start: at(PARIS, "2026-06-01T12:00"), end: at(PARIS, "2026-06-01T13:00") };
  const buffered = room({ busy: [booking], setupMinutes: 30, teardownMinutes: 15 });
  const monday = { from: at(PARIS, "2026-06-01T00:00"), to: at(PARIS, "2026-06-02T00:00") };
  const found = starts(slots({ resources: [buffered], stepMinutes: 15, ...monday }));
  // Free when start + 60 min + 15 min teardown ≤ 12:00, or start − 30 min setup ≥ 13:00.
  assert.ok(found.includes("2026-06-01T10:45+02:00"));
  assert.ok(!found.includes("2026-06-01T11:00+02:00"));
  assert.ok(!found.includes("2026-06-01T13:15+02:00"));
  assert.ok(found.includes("2026-06-01T13:30+02:00"));
  assert.equal(found[0], "2026-06-01T09:00+02:00");
  assert.equal(found.at(-1), "2026-06-01T17:00+02:00");
  assert.equal(found.length, 33 - 10);
});

Deno.test("bookings are half-open: a session may start when another ends", () => {
  const booking = { start: at(PARIS, "2026-06-01T10:00"), end: at(PARIS, "2026-06-01T11:00") };
  const found = starts(slots({ resources: [room({ busy: [booking] })], to: at(PARIS, "2026-06-02T00:00") }));
  assert.deepEqual(found.slice(0, 3), [
    "2026-06-01T09:00+02:00",
    "2026-06-01T11:00+02:00",
    "2026-06-01T12:00+02:00",
  ]);
});

Deno.test("minimum notice and the booking horizon bound the starts", () => {
  const found = starts(slots({
    now: at(PARIS, "2026-06-01T10:10"),
    minimumNoticeMinutes: 120,
    horizonDays: 2,
    stepMinutes: 30,
  }));
  assert.equal(found[0], "2026-06-01T12:30+02:00");
  assert.equal(found.at(-1), "2026-06-03T10:00+02:00");
  assert.equal(found.length, 10 + 17 + 3);
});

Deno.test("the horizon counts local days, so across spring-forward it is 23 hours shorter per day", () => {
  const found = starts(slots({
    resources: [room({ hours: days(EVERY_DAY, "09:00", "18:00") })],
    now: at(PARIS, "2026-03-28T10:00"),
    horizonDays: 1,
    from: at(PARIS, "2026-03-29T00:00"),
    to: at(PARIS, "2026-03-30T00:00"),
  }));
  assert.deepEqual(found, ["2026-03-29T09:00+02:00", "2026-03-29T10:00+02:00"]);
});

Deno.test("starts follow the step from the opening time, not from the end of a booking", () => {
  const booking = { start: at(PARIS, "2026-06-01T09:00"), end: at(PARIS, "2026-06-01T10:05") };
  const found = starts(slots({
    resources: [room({ hours: days([1], "09:15", "12:00"), busy: [booking] })],
    stepMinutes: 30,
  }));
  assert.deepEqual(found, ["2026-06-01T10:15+02:00", "2026-06-01T10:45+02:00"]);
});

Deno.test("a room with an engineer offers only what both have free, on the room's grid", () => {
  // The engineer works 10:30–16:00 London time, which is 11:30–17:00 in Paris.
  const engineer: BookableResource = {
    id: "engineer-sam",
    timeZone: "Europe/London",
    hours: days([1], "10:30", "16:00"),
    busy: [{ id: "mix", start: at(PARIS, "2026-06-01T13:00"), end: at(PARIS, "2026-06-01T14:00") }],
    closures: [{ start: at(PARIS, "2026-06-01T15:30"), end: at(PARIS, "2026-06-02T00:00") }],
  };
  const found = starts(slots({ resources: [room({ hours: days(EVERY_DAY, "09:00", "22:00") }), engineer] }));
  assert.deepEqual(found, ["2026-06-01T12:00+02:00", "2026-06-01T14:00+02:00"]);
});

Deno.test("Europe/Paris spring-forward night: 02:00–03:00 does not exist, so the night has 9 hourly starts", () => {
  const nights = room({ hours: days(EVERY_DAY, "20:00", "06:00") });
  const found = slots({
    resources: [nights],
    from: at(PARIS, "2026-03-28T12:00"),
    to: at(PARIS, "2026-03-29T12:00"),
  });
  assert.deepEqual(starts(found), [
    "2026-03-28T20:00+01:00",
    "2026-03-28T21:00+01:00",
    "2026-03-28T22:00+01:00",
    "2026-03-28T23:00+01:00",
    "2026-03-29T00:00+01:00",
    "2026-03-29T01:00+01:00",
    "2026-03-29T03:00+02:00",
    "2026-03-29T04:00+02:00",
    "2026-03-29T05:00+02:00",
  ]);
  assert.equal(found[6].start - found[5].start, HOUR, "01:00 CET and 03:00 CEST are an hour apart");
  assert.equal(found.at(-1)!.end, Date.parse("2026-03-29T04:00:00Z"));
});

Deno.test("Europe/Paris spring-forward: an opening time inside the gap opens when the clock reads it an hour later", () => {
  const found = slots({
    resources: [room({ hours: days([7], "02:30", "06:00") })],
    from: at(PARIS, "2026-03-29T00:00"),
    to: at(PARIS, "2026-03-30T00:00"),
    durationMinutes: 30,
    stepMinutes: 30,
  });
  assert.deepEqual(starts(found), [
    "2026-03-29T03:30+02:00",
    "2026-03-29T04:00+02:00",
    "2026-03-29T04:30+02:00",
    "2026-03-29T05:00+02:00",
    "2026-03-29T05:30+02:00",
  ]);
});

Deno.test("Europe/Paris fall-back night: 02:00–03:00 happens twice, so the night has 11 hourly starts", () => {
  const nights = room({ hours: days(EVERY_DAY, "20:00", "06:00") });
  const found = slots({
    resources: [nights],
    from: at(PARIS, "2026-10-24T12:00"),
    to: at(PARIS, "2026-10-25T12:00"),
  });
  assert.deepEqual(starts(found), [
    "2026-10-24T20:00+02:00",
    "2026-10-24T21:00+02:00",
    "2026-10-24T22:00+02:00",
    "2026-10-24T23:00+02:00",
    "2026-10-25T00:00+02:00",
    "2026-10-25T01:00+02:00",
    "2026-10-25T02:00+02:00",
    "2026-10-25T02:00+01:00",
    "2026-10-25T03:00+01:00",
    "2026-10-25T04:00+01:00",
    "2026-10-25T05:00+01:00",
  ]);
  assert.equal(found[0].start, Date.parse("2026-10-24T18:00:00Z"));
  assert.equal(found.at(-1)!.end, Date.parse("2026-10-25T05:00:00Z"));
});

Deno.test("Europe/Paris fall-back: an opening inside the repeated hour offers every real quarter-hour of it", () => {
  const found = slots({
    resources: [room({ hours: days([7], "02:15", "03:30") })],
    from: at(PARIS, "2026-10-25T00:00"),
    to: at(PARIS, "2026-10-26T00:00"),
    durationMinutes: 15,
    stepMinutes: 15,
  });
  // 02:15 reads first in summer time; after the clocks go back, 02:00 is on the grid again.
  assert.deepEqual(starts(found), [
    "2026-10-25T02:15+02:00",
    "2026-10-25T02:30+02:00",
    "2026-10-25T02:45+02:00",
    "2026-10-25T02:00+01:00",
    "2026-10-25T02:15+01:00",
    "2026-10-25T02:30+01:00",
    "2026-10-25T02:45+01:00",
    "2026-10-25T03:00+01:00",
    "2026-10-25T03:15+01:00",
  ]);
});

Deno.test("Europe/Paris: a 09:00–18:00 day on either DST Sunday still has nine hourly starts", () => {
  const sundays = room({ hours: days([7], "09:00", "18:00") });
  for (const [date, offset] of [["2026-03-29", "+02:00"], ["2026-10-25", "+01:00"]]) {
    const found = starts(slots({
      resources: [sundays],
      from: at(PARIS, `${date}T00:00`),
      to: at(PARIS, `${date}T23:59`),
    }));
    assert.equal(found.length, 9);
    assert.equal(found[0], `${date}T09:00${offset}`);
  }
});

Deno.test("America/New_York 2026-03-08: a round-the-clock Sunday has 23 hourly starts", () => {
  const sunday = room({ timeZone: NEW_YORK, hours: days([7], "00:00", "24:00") });
  const found = slots({
    resources: [sunday],
    from: at(NEW_YORK, "2026-03-08T00:00"),
    to: at(NEW_YORK, "2026-03-09T00:00"),
  });
  assert.equal(found.length, 23);
  const local = starts(found, NEW_YORK);
  assert.deepEqual(local.slice(0, 4), [
    "2026-03-08T00:00-05:00",
    "2026-03-08T01:00-05:00",
    "2026-03-08T03:00-04:00",
    "2026-03-08T04:00-04:00",
  ]);
  assert.equal(local.at(-1), "2026-03-08T23:00-04:00");
  assert.equal(found[2].start, Date.parse("2026-03-08T07:00:00Z"));
});

Deno.test("America/New_York 2026-11-01: a round-the-clock Sunday has 25 hourly starts, 01:00 twice", () => {
  const sunday = room({ timeZone: NEW_YORK, hours: days([7], "00:00", "24:00") });
  const found = slots({
    resources: [sunday],
    from: at(NEW_YORK, "2026-11-01T00:00"),
    to: at(NEW_YORK, "2026-11-02T00:00"),
  });
  assert.equal(found.length, 25);
  assert.deepEqual(starts(found, NEW_YORK).slice(0, 4), [
    "2026-11-01T00:00-04:00",
    "2026-11-01T01:00-04:00",
    "2026-11-01T01:00-05:00",
    "2026-11-01T02:00-05:00",
  ]);
  assert.equal(found[1].start, Date.parse("2026-11-01T05:00:00Z"));
  assert.equal(found[2].start, Date.parse("2026-11-01T06:00:00Z"));
  assert.equal(found.at(-1)!.end, Date.parse("2026-11-02T05:00:00Z"));
});

Deno.test("America/New_York: a night session booked across fall-back lasts its real duration", () => {
  const nights = room({ timeZone: NEW_YORK, hours: days([6], "22:00", "04:00") });
  const found = slots({
    resources: [nights],
    from: at(NEW_YORK, "2026-10-31T12:00"),
    to: at(NEW_YORK, "2026-11-01T12:00"),
    durationMinutes: 240,
    stepMinutes: 120,
  });
  // 22:00, 00:00, 02:00 on the wall; 22:00 EDT to 04:00 EST is 7 real hours, so 02:00 EST + 4 h is too late.
  assert.deepEqual(starts(found, NEW_YORK), ["2026-10-31T22:00-04:00", "2026-11-01T00:00-04:00"]);
});

Deno.test("why a session is refused: notice, horizon, hours, closed dates, closures and which bookings", () => {
  const booking = { id: "b1", start: at(PARIS, "2026-06-01T12:00"), end: at(PARIS, "2026-06-01T12:45") };
  const maintenance = { start: at(PARIS, "2026-06-01T15:00"), end: at(PARIS, "2026-06-01T16:00") };
  const rules = {
    resources: [room({
      busy: [booking],
      closures: [maintenance],
      setupMinutes: 30,
      closedDates: [{ from: "2026-06-02", to: "2026-06-02" }],
    })],
    now: at(PARIS, "2026-06-01T09:00"),
    minimumNoticeMinutes: 60,
    horizonDays: 14,
  };
  const session = (start: string, end: string) => ({ start: at(PARIS, start), end: at(PARIS, end) });
  assert.deepEqual(whyUnavailable(rules, session("2026-06-01T10:00", "2026-06-01T11:00")), []);
  assert.deepEqual(whyUnavailable(rules, session("2026-06-01T09:30", "2026-06-01T10:30")), [
    { reason: "notice", earliestStart: at(PARIS, "2026-06-01T10:00") },
  ]);
  assert.deepEqual(whyUnavailable(rules, session("2026-06-16T10:00", "2026-06-16T11:00")), [
    { reason: "horizon", latestStart: at(PARIS, "2026-06-15T09:00") },
  ]);
  assert.deepEqual(whyUnavailable(rules, session("2026-06-01T17:30", "2026-06-01T18:30")), [
    { reason: "outside-hours", resource: "room-a" },
  ]);
  assert.deepEqual(whyUnavailable(rules, session("2026-06-02T10:00", "2026-06-02T11:00")), [
    { reason: "closed", resource: "room-a", date: "2026-06-02" },
  ]);
  // The 30-minute setup before 13:00 meets the booking that ends at 12:45.
  assert.deepEqual(whyUnavailable(rules, session("2026-06-01T13:00", "2026-06-01T14:00")), [
    { reason: "busy", resource: "room-a", busy: booking },
  ]);
  assert.deepEqual(whyUnavailable(rules, session("2026-06-01T14:30", "2026-06-01T15:30")), [
    { reason: "closure", resource: "room-a", closure: maintenance },
  ]);
});

Deno.test("refusals name the engineer when the engineer is the one who is busy", () => {
  const session = { id: "s9", start: at(PARIS, "2026-06-01T10:00"), end: at(PARIS, "2026-06-01T11:00") };
  const engineer = {
    id: "engineer-sam",
    timeZone: PARIS,
    hours: days(WEEKDAYS, "08:00", "20:00"),
    busy: [session],
  };
  assert.deepEqual(
    whyUnavailable({ resources: [room(), engineer], now: 0 }, { start: session.start, end: session.end }),
    [{ reason: "busy", resource: "engineer-sam", busy: session }],
  );
});

Deno.test("a session covered by an open day is free even if an overnight opening from a closed date overlaps it", () => {
  const resource = room({
    hours: [...days([7], "20:00", "04:00"), ...days([1], "00:00", "12:00")],
    closedDates: [{ from: "2026-05-31", to: "2026-05-31" }],
  });
  const session = { start: at(PARIS, "2026-06-01T01:00"), end: at(PARIS, "2026-06-01T02:00") };
  assert.deepEqual(whyUnavailable({ resources: [resource], now: 0 }, session), []);
  assert.ok(starts(slots({ resources: [resource] })).includes("2026-06-01T01:00+02:00"));
});

Deno.test("invalid rules are refused with one ValidationError naming every bad field", () => {
  let error: unknown;
  try {
    slots({
      resources: [room({
        timeZone: "Mars/Olympus_Mons",
        hours: [{ weekday: 8, open: "09:00", close: "18:00" }, { weekday: 1, open: "09:00", close: "25:00" }],
        busy: [{ start: 10, end: 10 }],
      })],
      durationMinutes: 0,
    });
  } catch (thrown) {
    error = thrown;
  }
  assert.ok(error instanceof ValidationError);
  assert.deepEqual(Object.keys(error.fields).sort(), [
    "durationMinutes",
    "resources[0].busy[0]",
    "resources[0].hours[0].weekday",
    "resources[0].hours[1].close",
    "resources[0].timeZone",
  ]);
  assert.throws(() => slots({ resources: [] }), ValidationError);
  assert.throws(() => whyUnavailable({ resources: [room()], now: 0 }, { start: 5, end: 5 }), ValidationError);
});

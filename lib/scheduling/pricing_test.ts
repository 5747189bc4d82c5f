import assert from "node:assert/strict";
import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { ValidationError } from "../errors.ts";
import {
  priceBooking,
  type PricedLine,
  type PricingEngineer,
  type PricingGear,
  type PricingInput,
  type PricingRoom,
} from "./pricing.ts";
import { formatQuantity, lineAmount } from "./pricing_amount.ts";

const PARIS = "Europe/Paris";

/** Epoch ms of a local wall time ("2026-03-02T10:00") in `zone`. */
function at(wall: string, zone = PARIS): number {
  return Temporal.PlainDateTime.from(wall).toZonedDateTime(zone).epochMilliseconds;
}

function block(from: string, to: string, zone = PARIS) {
  return { start: at(from, zone), end: at(to, zone) };
}

function randomRoom(overrides: Partial<PricingRoom> = {}): PricingRoom {
  return {
    id: "room-a",
    name: "Studio A",
    hourlyRate: 5000,
    halfDayRate: null,
    halfDayMinutes: 240,
    dayRate: null,
    dayMinutes: 600,
    nightRate: null,
    nightStart: "22:00",
    nightEnd: "08:00",
    minimumMinutes: 0,
    ...overrides,
  };
}

function booking(overrides: Partial<PricingInput> = {}): PricingInput {
  return {
    currency: "EUR",
    zone: PARIS,
    blocks: [block("2026-03-02T10:00", "2026-03-02T13:30")],
    room: randomRoom(),
    engineers: [],
    gear: [],
    ...overrides,
  };
}

/** The fields a ValidationError names for `input`, or [] when it prices. */
function invalidFields(input: PricingInput): string[] {
  try {
    priceBooking(input);
  } catch (error) {
    if (error instanceof ValidationError) return Object.keys(error.fields);
    throw error;
  }
  return [];
}

/** The rate, quantity, unit price and amount of each line: what most examples are about. */
function summary(lines: PricedLine[]) {
  return lines.map((l) => [l.kind, l.rate, formatQuantity(l.quantityThousandths), l.unitPrice, l.amount]);
}

const packagedRoom = randomRoom({ hourlyRate: 5000, halfDayRate: 18000, dayRate: 32000 });

Deno.test("a short session is billed by the hour, with its day, times and currency on the line", () => {
  const priced = priceBooking(booking());
  assert.deepEqual(priced.lines, [{
    kind: "room",
    resourceId: "room-a",
    description: "Studio A — 3.5 h at the hourly rate",
    rate: "hourly",
    blockIndex: 0,
    date: "2026-03-02",
    start: at("2026-03-02T10:00"),
    end: at("2026-03-02T13:30"),
    quantityThousandths: 3500,
    unit: "hour",
    unitPrice: 5000,
    amount: 17500,
    currency: "EUR",
  }]);
  assert.equal(priced.total, 17500);
  assert.equal(priced.currency, "EUR");
});

Deno.test("time is billed in whole started quarter hours unless the studio bills in other increments", () => {
  const blocks = [block("2026-03-02T10:00", "2026-03-02T13:05")];
  assert.deepEqual(summary(priceBooking(booking({ blocks })).lines), [[
    "room",
    "hourly",
    "3.25",
    5000,
    16250,
  ]]);
  assert.deepEqual(
    summary(priceBooking(booking({ blocks, incrementMinutes: 60 })).lines),
    [["room", "hourly", "4", 5000, 20000]],
  );
  assert.deepEqual(
    summary(priceBooking(booking({ blocks, incrementMinutes: 6 })).lines),
    [["room", "hourly", "3.1", 5000, 15500]],
  );
});

Deno.test("the half-day rate replaces hourly billing once it is cheaper, even for a shorter session", () => {
  const price = (to: string) =>
    summary(priceBooking(booking({ room: packagedRoom, blocks: [block("2026-03-02T10:00", to)] })).lines);
  assert.deepEqual(price("2026-03-02T13:30"), [["room", "hourly", "3.5", 5000, 17500]]);
  assert.deepEqual(price("2026-03-02T13:45"), [["room", "half_day", "1", 18000, 18000]]);
  assert.deepEqual(price("2026-03-02T14:00"), [["room", "half_day", "1", 18000, 18000]]);
});

Deno.test("overtime beyond a half day is billed by the hour while that beats the next package", () => {
  const priced = priceBooking(
    booking({ room: packagedRoom, blocks: [block("2026-03-02T10:00", "2026-03-02T15:00")] }),
  );
  assert.deepEqual(summary(priced.lines), [
    ["room", "half_day", "1", 18000, 18000],
    ["room", "hourly", "1", 5000, 5000],
  ]);
  assert.equal(priced.lines[1].description, "Studio A — 1 h overtime at the hourly rate");
  assert.equal(priced.total, 23000);
});

Deno.test("the day rate covers a long session, plus overtime or a half day after it", () => {
  const price = (to: string) =>
    summary(priceBooking(booking({ room: packagedRoom, blocks: [block("2026-03-02T09:00", to)] })).lines);
  // 9 h: hourly 450.00, half day + 5 h 430.00, two half days 360.00, day 320.00.
  assert.deepEqual(price("2026-03-02T18:00"), [["room", "day", "1", 32000, 32000]]);
  // 12 h: day + 2 h (420.00) beats day + half day (500.00).
  assert.deepEqual(price("2026-03-02T21:00"), [
    ["room", "day", "1", 32000, 32000],
    ["room", "hourly", "2", 5000, 10000],
  ]);
  // 14 h: day + half day (500.00) beats day + 4 h (520.00).
  assert.deepEqual(price("2026-03-02T23:00"), [
    ["room", "day", "1", 32000, 32000],
    ["room", "half_day", "1", 18000, 18000],
  ]);
});

Deno.test("when a package costs exactly the hourly price, the hourly line is kept", () => {
  const room = randomRoom({ halfDayRate: 20000 });
  const priced = priceBooking(booking({ room, blocks: [block("2026-03-02T10:00", "2026-03-02T14:00")] }));
  assert.deepEqual(summary(priced.lines), [["room", "hourly", "4", 5000, 20000]]);
});

Deno.test("a block shorter than the room's minimum is billed the minimum at the hourly rate", () => {
  const room = randomRoom({ minimumMinutes: 180 });
  const priced = priceBooking(booking({ room, blocks: [block("2026-03-02T10:00", "2026-03-02T11:00")] }));
  assert.deepEqual(summary(priced.lines), [["room", "minimum", "3", 5000, 15000]]);
  assert.equal(priced.lines[0].description, "Studio A — 3 h at the hourly rate (minimum booking 3 h)");
  const longer = priceBooking(booking({ room, blocks: [block("2026-03-02T10:00", "2026-03-02T14:00")] }));
  assert.deepEqual(summary(longer.lines), [["room", "hourly", "4", 5000, 20000]]);
});

Deno.test("the minimum applies to each block, and a cheaper half day can satisfy it", () => {
  const room = randomRoom({ minimumMinutes: 240, halfDayRate: 18000 });
  const blocks = [
    block("2026-03-02T10:00", "2026-03-02T11:00"),
    block("2026-03-03T10:00", "2026-03-03T11:00"),
  ];
  assert.deepEqual(summary(priceBooking(booking({ room, blocks })).lines), [
    ["room", "half_day", "1", 18000, 18000],
    ["room", "half_day", "1", 18000, 18000],
  ]);
});

Deno.test("a session across midnight is one block, its night-window time at the night rate", () => {
  const room = randomRoom({ nightRate: 7000 });
  const priced = priceBooking(booking({ room, blocks: [block("2026-03-02T20:00", "2026-03-03T02:00")] }));
  assert.deepEqual(summary(priced.lines), [
    ["room", "hourly", "2", 5000, 10000],
    ["room", "night", "4", 7000, 28000],
  ]);
  assert.ok(priced.lines.every((l) => l.blockIndex === 0 && l.date === "2026-03-02"));
  assert.equal(priced.lines[1].description, "Studio A — 4 h at the night rate");
});

Deno.test("a night window may end at midnight or sit inside one day", () => {
  const untilMidnight = randomRoom({ nightRate: 7000, nightStart: "22:00", nightEnd: "24:00" });
  const blocks = [block("2026-03-02T21:00", "2026-03-03T01:00")];
  assert.deepEqual(summary(priceBooking(booking({ room: untilMidnight, blocks })).lines), [
    ["room", "hourly", "2", 5000, 10000],
    ["room", "night", "2", 7000, 14000],
  ]);
  const smallHours = randomRoom({ nightRate: 4000, nightStart: "00:00", nightEnd: "06:00" });
  assert.deepEqual(summary(priceBooking(booking({ room: smallHours, blocks })).lines), [
    ["room", "hourly", "3", 5000, 15000],
    ["room", "night", "1", 4000, 4000],
  ]);
});

Deno.test("the night the clocks go back in Paris (2026-10-25) is billed its real 11 hours", () => {
  const room = randomRoom({ nightRate: 7000 });
  const blocks = [block("2026-10-24T22:00", "2026-10-25T08:00")];
  assert.equal(blocks[0].end - blocks[0].start, 11 * 3_600_000);
  const priced = priceBooking(booking({ room, blocks }));
  assert.deepEqual(summary(priced.lines), [["room", "night", "11", 7000, 77000]]);
  assert.equal(priced.lines[0].date, "2026-10-24");
});

Deno.test("the night the clocks go forward in Paris (2026-03-29) is billed its real 9 hours", () => {
  const room = randomRoom({ nightRate: 7000 });
  const priced = priceBooking(booking({ room, blocks: [block("2026-03-28T21:00", "2026-03-29T09:00")] }));
  assert.deepEqual(summary(priced.lines), [
    ["room", "hourly", "2", 5000, 10000],
    ["room", "night", "9", 7000, 63000],
  ]);
});

Deno.test("the night window follows the wall clock across a DST change, not a fixed UTC offset", () => {
  // 21:00–01:00 on the night of the change: night from 22:00 local (20:00 UTC, CEST) on.
  const room = randomRoom({ nightRate: 7000 });
  const priced = priceBooking(booking({ room, blocks: [block("2026-10-24T21:00", "2026-10-25T01:00")] }));
  assert.deepEqual(summary(priced.lines), [
    ["room", "hourly", "1", 5000, 5000],
    ["room", "night", "3", 7000, 21000],
  ]);
  const newYork = priceBooking(booking({
    zone: "America/New_York",
    room,
    blocks: [block("2026-11-01T00:00", "2026-11-01T10:00", "America/New_York")],
  }));
  // The clocks go back at 02:00 in New York: 11 real hours, 9 of them before 08:00 local.
  assert.deepEqual(summary(newYork.lines), [
    ["room", "hourly", "2", 5000, 10000],
    ["room", "night", "9", 7000, 63000],
  ]);
});

Deno.test("multi-day bookings price each block on its own, in time order, keeping input indexes", () => {
  const room = randomRoom({ minimumMinutes: 120, dayRate: 32000 });
  const blocks = [
    block("2026-03-04T09:00", "2026-03-04T19:00"),
    block("2026-03-02T10:00", "2026-03-02T11:00"),
  ];
  const priced = priceBooking(booking({ room, blocks }));
  assert.deepEqual(
    priced.lines.map((l) => [l.blockIndex, l.date, l.start, l.end, l.rate, l.amount]),
    [
      [1, "2026-03-02", blocks[1].start, blocks[1].end, "minimum", 10000],
      [0, "2026-03-04", blocks[0].start, blocks[0].end, "day", 32000],
    ],
  );
  assert.equal(priced.total, 42000);
});

Deno.test("engineers are billed per block at the hourly or the day rate, whichever is cheaper", () => {
  const engineers: PricingEngineer[] = [
    { id: "eng-1", name: "Alex", hourlyRate: 4000, dayRate: 30000, dayMinutes: 600 },
    { id: "eng-2", name: "Sam", hourlyRate: 3000, dayRate: null, dayMinutes: 600, blocks: [1] },
  ];
  const blocks = [
    block("2026-03-02T09:00", "2026-03-02T19:00"),
    block("2026-03-03T10:00", "2026-03-03T12:30"),
  ];
  const priced = priceBooking(booking({ blocks, engineers }));
  const staff = priced.lines.filter((l) => l.kind === "engineer");
  assert.deepEqual(staff.map((l) => [l.blockIndex, l.resourceId, l.rate, l.quantityThousandths, l.amount]), [
    [0, "eng-1", "day", 1000, 30000],
    [1, "eng-1", "hourly", 2500, 10000],
    [1, "eng-2", "hourly", 2500, 7500],
  ]);
  assert.equal(staff[0].description, "Engineer Alex — day (10 h)");
  assert.equal(staff[2].description, "Engineer Sam — 2.5 h at the hourly rate");
});

Deno.test("engineers have no night rate and no minimum: those are the room's", () => {
  const room = randomRoom({ nightRate: 7000, minimumMinutes: 240 });
  const engineers = [{ id: "eng-1", name: "Alex", hourlyRate: 4000, dayMinutes: 600 }];
  const priced = priceBooking(
    booking({ room, engineers, blocks: [block("2026-03-02T23:00", "2026-03-03T00:30")] }),
  );
  assert.deepEqual(summary(priced.lines), [
    ["room", "minimum", "2.5", 5000, 12500],
    ["room", "night", "1.5", 7000, 10500],
    ["engineer", "hourly", "1.5", 4000, 6000],
  ]);
});

Deno.test("gear per hour is billed for the block's time times the units taken", () => {
  const gear: PricingGear[] = [{ id: "u87", name: "Neumann U87", quantity: 2, fee: 750, per: "hour" }];
  const priced = priceBooking(booking({ gear }));
  const line = priced.lines.find((l) => l.kind === "gear")!;
  assert.deepEqual([line.rate, line.unit, line.quantityThousandths, line.unitPrice, line.amount], [
    "hourly",
    "hour",
    7000,
    750,
    5250,
  ]);
  assert.equal(line.description, "Neumann U87 × 2 — 3.5 h");
});

Deno.test("gear per day counts each local day a block touches, once per block", () => {
  const gear: PricingGear[] = [
    { id: "tape", name: "Tape machine", quantity: 1, fee: 12000, per: "day" },
    { id: "di", name: "DI box", quantity: 3, fee: 500, per: "day", blocks: [0] },
  ];
  const blocks = [
    block("2026-03-02T20:00", "2026-03-03T02:00"),
    block("2026-03-03T10:00", "2026-03-03T14:00"),
    block("2026-03-04T18:00", "2026-03-05T00:00"),
  ];
  const priced = priceBooking(booking({ blocks, gear }));
  const rows = priced.lines.filter((l) => l.kind === "gear")
    .map((l) => [l.blockIndex, l.resourceId, l.quantityThousandths, l.amount, l.description]);
  assert.deepEqual(rows, [
    [0, "tape", 2000, 24000, "Tape machine — 2 days"],
    [0, "di", 6000, 3000, "DI box × 3 — 2 days"],
    [1, "tape", 1000, 12000, "Tape machine — 1 day"],
    [2, "tape", 1000, 12000, "Tape machine — 1 day"],
  ]);
});

Deno.test("yen have no minor unit: fractional hours round half up to whole yen", () => {
  const room = randomRoom({ hourlyRate: 5001 });
  const price = (to: string) =>
    priceBooking(booking({ currency: "JPY", room, blocks: [block("2026-03-02T10:00", to)] })).lines[0];
  assert.equal(price("2026-03-02T11:15").amount, 6251); // 1.25 × 5001 = 6251.25
  assert.equal(price("2026-03-02T11:30").amount, 7502); // 1.5 × 5001 = 7501.5
  assert.equal(price("2026-03-02T11:30").currency, "JPY");
});

Deno.test("Kuwaiti dinars keep three decimals: fils round half up", () => {
  const room = randomRoom({ hourlyRate: 12345 }); // 12.345 KWD
  const price = (to: string) =>
    priceBooking(booking({ currency: "KWD", room, blocks: [block("2026-03-02T10:00", to)] })).lines[0];
  assert.equal(price("2026-03-02T10:15").amount, 3086); // 3.08625 KWD
  assert.equal(price("2026-03-02T10:30").amount, 6173); // 6.1725 KWD
});

Deno.test("a line amount is quantity × unit price, rounded half away from zero, exact beyond 2^53", () => {
  assert.equal(lineAmount(3500, 4999), 17497);
  assert.equal(lineAmount(500, 1), 1);
  assert.equal(lineAmount(499, 1), 0);
  assert.equal(lineAmount(-500, 1), -1);
  assert.equal(lineAmount(-1500, 3), -5);
  assert.equal(lineAmount(1000, 0), 0);
  // The product (2.568…e16) is past 2^53: float arithmetic would give 25680881726584.
  assert.equal(lineAmount(163_240_961, 157_318_859), 25_680_881_726_583);
  assert.throws(() => lineAmount(1.5, 100), RangeError);
  assert.throws(() => lineAmount(Number.MAX_SAFE_INTEGER, 2000), RangeError);
});

Deno.test("quantities print as plain decimals without trailing zeros", () => {
  assert.equal(formatQuantity(3500), "3.5");
  assert.equal(formatQuantity(250), "0.25");
  assert.equal(formatQuantity(10000), "10");
  assert.equal(formatQuantity(1), "0.001");
  assert.equal(formatQuantity(-1500), "-1.5");
});

Deno.test("a booking that cannot be priced names every bad field", () => {
  const fields = invalidFields(booking({
    currency: "euro",
    zone: "Mars/Olympus",
    incrementMinutes: 7,
    blocks: [
      block("2026-03-02T10:00", "2026-03-02T12:00"),
      block("2026-03-02T11:00", "2026-03-02T13:00"),
      { start: 10, end: 10 },
    ],
    room: randomRoom({ hourlyRate: 12.5, nightStart: "25:00" }),
    engineers: [{ id: "e", name: "E", hourlyRate: 100, dayMinutes: 600, blocks: [5] }],
    gear: [{ id: "g", name: "G", quantity: 0, fee: -1, per: "week" as "day" }],
  }));
  assert.deepEqual(fields.sort(), [
    "blocks.1.start",
    "blocks.2.end",
    "currency",
    "engineers.0.blocks",
    "gear.0.fee",
    "gear.0.per",
    "gear.0.quantity",
    "incrementMinutes",
    "room.hourlyRate",
    "room.nightStart",
    "zone",
  ]);
});

Deno.test("blocks last up to a week, spans are whole increments, night windows have a length", () => {
  assert.deepEqual(invalidFields(booking({ blocks: [] })), ["blocks"]);
  assert.deepEqual(invalidFields(booking({ blocks: [block("2026-03-01T00:00", "2026-03-08T00:15")] })), [
    "blocks.0.end",
  ]);
  assert.deepEqual(invalidFields(booking({ room: randomRoom({ nightEnd: "22:00" }) })), ["room.nightEnd"]);
  assert.deepEqual(invalidFields(booking({ room: randomRoom({ halfDayMinutes: 0 }) })), [
    "room.halfDayMinutes",
  ]);
  assert.deepEqual(invalidFields(booking({ room: randomRoom({ minimumMinutes: 50 }) })), [
    "room.minimumMinutes",
  ]);
  assert.deepEqual(invalidFields(booking({ blocks: [block("2026-03-01T00:00", "2026-03-08T00:00")] })), []);
});

// Properties over random bookings: rooms with and without packages, night windows and minimums,
// engineers, gear, 1–4 blocks of up to 30 h in several zones and currencies.
const money = fc.integer({ min: 0, max: 2_000_000 });
const optionalMoney = fc.option(money, { nil: null });
const increments = fc.constantFrom(15, 30, 60, 6);
const wallTime = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45))
  .map(([hh, mm]) => `${String(hh).padStart(2, "0")}:${String(mm).padStart(2, "0")}`);

const arbitraryBooking = increments.chain((increment) => {
  const span = (maxIncrements: number, min = 0) =>
    fc.integer({ min, max: maxIncrements }).map((n) => n * increment);
  const room = fc.record({
    id: fc.constant("room"),
    name: fc.constant("Room"),
    hourlyRate: money,
    halfDayRate: optionalMoney,
    halfDayMinutes: span(600 / increment, 1),
    dayRate: optionalMoney,
    dayMinutes: span(1200 / increment, 1),
    nightRate: optionalMoney,
    nightStart: wallTime,
    nightEnd: wallTime,
    minimumMinutes: span(480 / increment),
  }).filter((r) => r.nightStart !== r.nightEnd);
  const engineer = fc.record({
    id: fc.string({ minLength: 1, maxLength: 4 }),
    name: fc.constant("Eng"),
    hourlyRate: money,
    dayRate: optionalMoney,
    dayMinutes: span(720 / increment, 1),
  });
  const gearItem = fc.record({
    id: fc.constant("gear"),
    name: fc.constant("Gear"),
    quantity: fc.integer({ min: 1, max: 12 }),
    fee: money,
    per: fc.constantFrom("hour" as const, "day" as const),
  });
  // Blocks as [gap, length] minute pairs from a start, so they never overlap; any minute is allowed.
  const blocks = fc.tuple(
    fc.integer({ min: Date.UTC(2026, 0, 1) / 60_000, max: Date.UTC(2027, 0, 1) / 60_000 }),
    fc.array(fc.tuple(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 1, max: 1800 })), {
      minLength: 1,
      maxLength: 4,
    }),
  ).map(([startMinute, pairs]) => {
    let cursor = startMinute * 60_000;
    return pairs.map(([gap, length]) => {
      const start = cursor + gap * 60_000;
      cursor = start + length * 60_000;
      return { start, end: cursor };
    });
  });
  return fc.record({
    currency: fc.constantFrom("EUR", "JPY", "KWD", "USD"),
    zone: fc.constantFrom(PARIS, "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"),
    blocks,
    room,
    engineers: fc.array(engineer, { maxLength: 2 }),
    gear: fc.array(gearItem, { maxLength: 2 }),
    incrementMinutes: fc.constant(increment),
  });
});

Deno.test("property: the total is the sum of the lines, all in the booking's currency", () => {
  fc.assert(
    fc.property(arbitraryBooking, (input) => {
      const priced = priceBooking(input);
      assert.equal(priced.total, priced.lines.reduce((sum, l) => sum + l.amount, 0));
      assert.ok(priced.lines.every((l) => l.currency === input.currency));
    }),
    { numRuns: 300 },
  );
});

Deno.test("property: every amount is quantity × unit price rounded half up to a minor unit", () => {
  fc.assert(
    fc.property(arbitraryBooking, (input) => {
      for (const line of priceBooking(input).lines) {
        // Independent of lineAmount: |amount − q × p / 1000| ≤ ½, and exactly ½ only when rounded up.
        const exact = BigInt(line.quantityThousandths) * BigInt(line.unitPrice);
        const error = BigInt(line.amount) * 1000n - exact;
        assert.ok(error <= 500n && error > -500n, `${line.description}: ${line.amount} for ${exact}/1000`);
        assert.ok(Number.isSafeInteger(line.amount) && Number.isSafeInteger(line.quantityThousandths));
      }
    }),
    { numRuns: 300 },
  );
});

Deno.test("property: the best rate never costs more than plain hourly billing of the billed time", () => {
  fc.assert(
    fc.property(arbitraryBooking, (input) => {
      const room = { ...input.room, nightRate: null };
      const priced = priceBooking({ ...input, room });
      const step = input.incrementMinutes! * 60_000;
      const perHour = (input.incrementMinutes! * 1000) / 60;
      input.blocks.forEach((b, i) => {
        const increments = Math.ceil((b.end - b.start) / step);
        const billed = Math.max(increments, room.minimumMinutes / input.incrementMinutes!);
        const roomAmount = priced.lines.filter((l) => l.blockIndex === i && l.kind === "room")
          .reduce((sum, l) => sum + l.amount, 0);
        assert.ok(roomAmount <= lineAmount(billed * perHour, room.hourlyRate));
        input.engineers.forEach((engineer) => {
          const engineerAmount = priced.lines
            .filter((l) => l.blockIndex === i && l.kind === "engineer" && l.resourceId === engineer.id)
            .reduce((sum, l) => sum + l.amount, 0);
          const sameId = input.engineers.filter((e) => e.id === engineer.id);
          const ceiling = sameId.reduce((sum, e) => sum + lineAmount(increments * perHour, e.hourlyRate), 0);
          assert.ok(engineerAmount <= ceiling);
        });
      });
    }),
    { numRuns: 300 },
  );
});

Deno.test("property: the room's lines cover at least the block and the minimum", () => {
  fc.assert(
    fc.property(arbitraryBooking, (input) => {
      const priced = priceBooking(input);
      input.blocks.forEach((b, i) => {
        const coveredMinutes = priced.lines.filter((l) => l.blockIndex === i && l.kind === "room")
          .reduce((sum, l) => {
            const minutes = l.unit === "hour"
              ? 60
              : l.unit === "day"
              ? input.room.dayMinutes
              : input.room.halfDayMinutes;
            return sum + (l.quantityThousandths * minutes) / 1000;
          }, 0);
        const bookedMinutes = (b.end - b.start) / 60_000;
        assert.ok(coveredMinutes >= Math.max(bookedMinutes, input.room.minimumMinutes));
      });
    }),
    { numRuns: 300 },
  );
});

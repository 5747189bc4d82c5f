import { ValidationError } from "../errors.ts";
import { isTimeZone, parseWallTime, type TimeBlock, type WallWindow } from "./pricing_time.ts";

/**
 * What a booking is priced from. Every amount is in minor units of `currency` (the studio's); a rate
 * that is null or absent is not offered. Durations are whole minutes, as the resource tables keep them.
 */
export interface PricingInput {
  /** ISO 4217 code, e.g. "EUR", "JPY", "KWD". */
  currency: string;
  /** IANA zone of the studio: night windows and gear days are read on its wall clock. */
  zone: string;
  /** One or more sessions, in any order, never overlapping. */
  blocks: TimeBlock[];
  room: PricingRoom;
  engineers: PricingEngineer[];
  gear: PricingGear[];
  /** Time is billed in whole started increments of this many minutes; 15 unless given. */
  incrementMinutes?: number;
}

export interface PricingRoom {
  id: string;
  name: string;
  hourlyRate: number;
  halfDayRate?: number | null;
  halfDayMinutes: number;
  dayRate?: number | null;
  dayMinutes: number;
  /** Hourly rate for time that starts inside the night window. */
  nightRate?: number | null;
  /** "HH:MM" local wall time. */
  nightStart: string;
  /** "HH:MM" local wall time ("24:00" allowed); before `nightStart` means the next morning. */
  nightEnd: string;
  /** Each block is billed at least this long. */
  minimumMinutes: number;
}

export interface PricingEngineer {
  id: string;
  name: string;
  hourlyRate: number;
  dayRate?: number | null;
  dayMinutes: number;
  /** Indexes into `blocks` this engineer works; every block when absent. */
  blocks?: number[];
}

export interface PricingGear {
  id: string;
  name: string;
  /** Units taken, e.g. 2 microphones. */
  quantity: number;
  /** Add-on fee per unit, per hour or per day. */
  fee: number;
  per: "hour" | "day";
  /** Indexes into `blocks` this gear is taken for; every block when absent. */
  blocks?: number[];
}

/** What validation derives from the input so pricing does not re-parse it. */
export interface PricingPlan {
  incrementMinutes: number;
  /** The room's night window, or null when it offers no night rate. */
  night: WallWindow | null;
  /** Indexes of `blocks` in chronological order. */
  order: number[];
}

export const DEFAULT_INCREMENT_MINUTES = 15;
/**
 * Increments that divide the hour into a whole number of thousandths of an hour (quantities are kept in
 * thousandths, so a quarter hour is exactly 0.25 h, while a minute, 0.01666… h, could not be).
 */
export const INCREMENT_MINUTES = [3, 6, 12, 15, 30, 60] as const;
/** A longer block is a typing error, not a session; it also keeps the rate search small. */
export const MAX_BLOCK_MINUTES = 7 * 24 * 60;

/**
 * Checks a pricing input and derives its plan; throws a ValidationError naming every bad field
 * ("blocks.1.end", "room.nightRate", "gear.0.quantity"…).
 */
export function validatePricingInput(input: PricingInput): PricingPlan {
  const errors: Record<string, string> = {};
  const fail = (field: string, message: string) => {
    errors[field] ??= message;
  };
  const increment = input.incrementMinutes ?? DEFAULT_INCREMENT_MINUTES;
  const knownIncrement = (INCREMENT_MINUTES as readonly number[]).includes(increment);
  if (!knownIncrement) {
    fail("incrementMinutes", `Bill time in increments of ${INCREMENT_MINUTES.join(", ")} minutes.`);
  }
  if (!/^[A-Z]{3}$/.test(input.currency)) fail("currency", "Give an ISO 4217 currency code, e.g. EUR.");
  if (!isTimeZone(input.zone)) fail("zone", "Give an IANA time zone, e.g. Europe/Paris.");

  const money = (field: string, value: unknown, optional = false) => {
    if (optional && (value === null || value === undefined)) return;
    if (!Number.isSafeInteger(value) || (value as number) < 0) {
      fail(field, "A rate is a whole, non-negative number of minor units.");
    }
  };
  const span = (field: string, value: number, positive: boolean) => {
    // Spans are only checked against a valid increment, so one bad increment is reported once.
    const aligned = !knownIncrement || value % increment === 0;
    if (!Number.isSafeInteger(value) || value < (positive ? 1 : 0) || !aligned) {
      fail(
        field,
        `Give a whole number of ${increment}-minute increments${positive ? ", at least one" : ""}.`,
      );
    }
  };
  const blockList = (field: string, list: number[] | undefined) => {
    if (list === undefined) return;
    const valid = list.every((i) => Number.isInteger(i) && i >= 0 && i < input.blocks.length);
    if (!valid || new Set(list).size !== list.length) fail(field, "Name each block once, by its index.");
  };

  if (input.blocks.length === 0) fail("blocks", "A booking has at least one block of time.");
  input.blocks.forEach((block, i) => {
    if (!Number.isSafeInteger(block.start)) {
      fail(`blocks.${i}.start`, "Give the start as epoch milliseconds.");
    }
    if (!Number.isSafeInteger(block.end) || block.end <= block.start) {
      fail(`blocks.${i}.end`, "A block ends after it starts.");
    } else if (block.end - block.start > MAX_BLOCK_MINUTES * 60_000) {
      fail(`blocks.${i}.end`, "A block lasts at most 7 days; book longer stays as several blocks.");
    }
  });
  const order = input.blocks.map((_, i) => i).sort((a, b) => input.blocks[a].start - input.blocks[b].start);
  for (let k = 1; k < order.length; k++) {
    if (input.blocks[order[k]].start < input.blocks[order[k - 1]].end) {
      fail(`blocks.${order[k]}.start`, "Blocks of one booking cannot overlap.");
    }
  }

  const room = input.room;
  money("room.hourlyRate", room.hourlyRate);
  money("room.halfDayRate", room.halfDayRate, true);
  money("room.dayRate", room.dayRate, true);
  money("room.nightRate", room.nightRate, true);
  span("room.halfDayMinutes", room.halfDayMinutes, true);
  span("room.dayMinutes", room.dayMinutes, true);
  span("room.minimumMinutes", room.minimumMinutes, false);
  const nightStart = parseWallTime(room.nightStart);
  const nightEnd = parseWallTime(room.nightEnd, true);
  if (nightStart === null) fail("room.nightStart", "Give a wall time as HH:MM.");
  if (nightEnd === null) fail("room.nightEnd", "Give a wall time as HH:MM.");
  if (nightStart !== null && nightStart === nightEnd) {
    fail("room.nightEnd", "The night window ends at another time than it starts.");
  }

  input.engineers.forEach((engineer, i) => {
    money(`engineers.${i}.hourlyRate`, engineer.hourlyRate);
    money(`engineers.${i}.dayRate`, engineer.dayRate, true);
    span(`engineers.${i}.dayMinutes`, engineer.dayMinutes, true);
    blockList(`engineers.${i}.blocks`, engineer.blocks);
  });
  input.gear.forEach((item, i) => {
    if (!Number.isSafeInteger(item.quantity) || item.quantity < 1) {
      fail(`gear.${i}.quantity`, "Take at least one unit.");
    }
    money(`gear.${i}.fee`, item.fee);
    if (item.per !== "hour" && item.per !== "day") {
      fail(`gear.${i}.per`, 'A gear fee is per "hour" or "day".');
    }
    blockList(`gear.${i}.blocks`, item.blocks);
  });

  if (Object.keys(errors).length > 0) throw new ValidationError(errors, "This booking cannot be priced.");
  const hasNight = room.nightRate !== null && room.nightRate !== undefined;
  return {
    incrementMinutes: increment,
    night: hasNight ? { start: nightStart!, end: nightEnd! } : null,
    order,
  };
}

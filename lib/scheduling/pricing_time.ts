import { Temporal } from "temporal-polyfill";

/** A span of booked time: epoch milliseconds (UTC), `end` exclusive. */
export interface TimeBlock {
  start: number;
  end: number;
}

/** A window of local wall time in minutes after midnight; `start > end` wraps past midnight (22:00–08:00). */
export interface WallWindow {
  start: number;
  end: number;
}

/** How a block splits into billing increments, and which of them fall in the night window. */
export interface BlockIncrements {
  count: number;
  /** `nightBefore[k]` counts the night increments among the first k; its length is `count + 1`. */
  nightBefore: number[];
}

const MINUTE_MS = 60_000;

/**
 * Minutes after midnight of an "HH:MM" wall time; "24:00" is accepted where `endOfDay` is, to close a
 * window at midnight. Returns null for anything else.
 */
export function parseWallTime(text: string, endOfDay = false): number | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (match) return Number(match[1]) * 60 + Number(match[2]);
  return endOfDay && text === "24:00" ? 24 * 60 : null;
}

/** Whether `zone` is an IANA time zone Temporal knows. */
export function isTimeZone(zone: string): boolean {
  try {
    Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(zone);
    return true;
  } catch {
    return false;
  }
}

/**
 * Cuts a block into whole started increments counted from its start (a 3 h 05 block is 13 quarter
 * hours) and marks each increment that starts inside `night` on the local wall clock of `zone`. The
 * clock is read per increment, so a night that gains or loses an hour at a DST change simply has more
 * or fewer night increments.
 */
export function blockIncrements(
  block: TimeBlock,
  incrementMinutes: number,
  zone: string,
  night: WallWindow | null,
): BlockIncrements {
  const step = incrementMinutes * MINUTE_MS;
  const count = Math.ceil((block.end - block.start) / step);
  const nightBefore = [0];
  for (let k = 0; k < count; k++) {
    const isNight = night !== null && inWindow(wallMinutes(block.start + k * step, zone), night);
    nightBefore.push(nightBefore[k] + (isNight ? 1 : 0));
  }
  return { count, nightBefore };
}

/** The local calendar date ("YYYY-MM-DD") of an instant in `zone`. */
export function localDate(instant: number, zone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(instant).toZonedDateTimeISO(zone).toPlainDate().toString();
}

/** How many local calendar dates a block touches; its end is exclusive, so a block ending at 00:00 touches one. */
export function localDaysTouched(block: TimeBlock, zone: string): number {
  const first = Temporal.Instant.fromEpochMilliseconds(block.start).toZonedDateTimeISO(zone).toPlainDate();
  const last = Temporal.Instant.fromEpochMilliseconds(block.end - 1).toZonedDateTimeISO(zone).toPlainDate();
  return first.until(last, { largestUnit: "days" }).days + 1;
}

function wallMinutes(instant: number, zone: string): number {
  const wall = Temporal.Instant.fromEpochMilliseconds(instant).toZonedDateTimeISO(zone);
  return wall.hour * 60 + wall.minute + wall.second / 60;
}

function inWindow(minutes: number, window: WallWindow): boolean {
  return window.start < window.end
    ? minutes >= window.start && minutes < window.end
    : minutes >= window.start || minutes < window.end;
}

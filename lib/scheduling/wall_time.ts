/**
 * Local wall time ↔ instants in an IANA zone, as plain numbers.
 *
 * A *wall time* is a local date and clock reading encoded as the epoch milliseconds it would have in
 * UTC ("2026-03-29 02:30" → Date.UTC(2026, 2, 29, 2, 30)); an *instant* is real epoch milliseconds.
 * Temporal (temporal-polyfill) supplies the zone's offsets and transitions once per span; every
 * conversion after that is arithmetic, because the availability engine converts thousands of grid
 * times per query and a Temporal object per conversion would cost more than the whole budget.
 *
 * ```ts
 * const paris = zoneTimeline("Europe/Paris", Date.UTC(2026, 2, 1), Date.UTC(2026, 4, 1));
 * paris.instantsAt(Date.UTC(2026, 2, 29, 2, 30)); // [] — the spring-forward gap
 * paris.resolve(Date.UTC(2026, 2, 29, 2, 30)); // 03:30 CEST, as Temporal's "compatible"
 * ```
 */
import { Temporal } from "temporal-polyfill";

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/** A zone's UTC offsets over a span of instants (built by zoneTimeline). */
export class ZoneTimeline {
  /** Use zoneTimeline(); `offsets[i]` (ms) applies from the instant `starts[i]` (the first is -∞). */
  constructor(
    readonly timeZone: string,
    private readonly starts: readonly number[],
    private readonly offsets: readonly number[],
  ) {}

  /** The UTC offset (ms) in force at an instant. */
  offsetAt(instant: number): number {
    let i = this.starts.length - 1;
    while (this.starts[i] > instant) i--;
    return this.offsets[i];
  }

  /** The wall time shown by a clock in this zone at an instant. */
  wallTimeOf(instant: number): number {
    return instant + this.offsetAt(instant);
  }

  /**
   * Every instant at which the zone's clocks show this wall time, earliest first: one normally,
   * two in a fall-back overlap, none in a spring-forward gap.
   */
  instantsAt(wall: number): number[] {
    const found: number[] = [];
    for (let i = 0; i < this.starts.length; i++) {
      const instant = wall - this.offsets[i];
      const end = i + 1 < this.starts.length ? this.starts[i + 1] : Infinity;
      if (instant >= this.starts[i] && instant < end) found.push(instant);
    }
    return found;
  }

  /**
   * The instant of a wall time with Temporal's "compatible" disambiguation: in an overlap the
   * earlier instant, in a gap the wall time pushed forward by the gap's length (02:30 on a
   * 02:00→03:00 night is 03:30), which is what a person re-setting a clock would read.
   */
  resolve(wall: number): number {
    const found = this.instantsAt(wall);
    if (found.length) return found[0];
    // A gap lies at a forward transition: the wall time is too late for the old offset and too
    // early for the new one. Reading it with the old offset moves it forward by the gap.
    for (let i = 1; i < this.starts.length; i++) {
      if (wall - this.offsets[i - 1] >= this.starts[i] && wall - this.offsets[i] < this.starts[i]) {
        return wall - this.offsets[i - 1];
      }
    }
    throw new Error(`No instant for wall time ${wall} in ${this.timeZone}`);
  }

  /**
   * The lowest and highest wall times shown between two instants. Usually the wall times of the
   * ends; a fall-back transition inside shows earlier readings again, a spring-forward skips some.
   */
  wallBounds(start: number, end: number): [number, number] {
    let low = this.wallTimeOf(start);
    let high = this.wallTimeOf(end);
    for (let i = 1; i < this.starts.length; i++) {
      const at = this.starts[i];
      if (at <= start || at > end) continue;
      low = Math.min(low, at + this.offsets[i]);
      high = Math.max(high, at + this.offsets[i - 1]);
    }
    return [low, high];
  }
}

/**
 * The offsets of `timeZone` between the instants `from` and `to`. Conversions are exact for
 * instants and wall times in that span; outside it the nearest known offset is assumed.
 * Throws a RangeError for a zone Temporal does not know.
 */
export function zoneTimeline(timeZone: string, from: number, to: number): ZoneTimeline {
  let zoned = Temporal.Instant.fromEpochMilliseconds(Math.floor(from)).toZonedDateTimeISO(timeZone);
  const starts = [-Infinity];
  const offsets = [zoned.offsetNanoseconds / 1e6];
  for (;;) {
    const next = zoned.getTimeZoneTransition("next");
    if (!next || next.epochMilliseconds > to) break;
    starts.push(next.epochMilliseconds);
    offsets.push(next.offsetNanoseconds / 1e6);
    zoned = next;
  }
  return new ZoneTimeline(timeZone, starts, offsets);
}

/** Whether Temporal knows this IANA zone name. */
export function isTimeZone(timeZone: string): boolean {
  try {
    Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The instant `days` calendar days after `instant` in a zone: same wall clock, DST-aware. */
export function addLocalDays(instant: number, days: number, timeZone: string): number {
  return Temporal.Instant.fromEpochMilliseconds(instant).toZonedDateTimeISO(timeZone).add({ days })
    .epochMilliseconds;
}

/** Days since 1970-01-01 of the local date a wall time falls on. */
export function epochDayOf(wall: number): number {
  return Math.floor(wall / DAY_MS);
}

/** ISO weekday (Monday = 1 … Sunday = 7) of an epoch day; 1970-01-01 was a Thursday. */
export function isoWeekday(epochDay: number): number {
  return ((((epochDay + 3) % 7) + 7) % 7) + 1;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The epoch day of "YYYY-MM-DD", or undefined if it is not a real calendar date. */
export function parseLocalDate(text: string): number | undefined {
  const match = DATE_PATTERN.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return undefined;
  }
  return ms / DAY_MS;
}

/** "YYYY-MM-DD" of an epoch day. */
export function formatLocalDate(epochDay: number): string {
  return new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
}

const CLOCK_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after midnight of "HH:MM" (00:00–23:59; "24:00" only when `allowMidnightEnd`). */
export function parseClock(text: string, allowMidnightEnd = false): number | undefined {
  if (allowMidnightEnd && text === "24:00") return 24 * 60;
  const match = CLOCK_PATTERN.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

/**
 * One bookable resource made ready for the engine: its inputs checked, its weekly hours parsed,
 * its blocking ranges sorted once, and its opening intervals expanded per local date.
 */
import type { BookableResource, BusyRange } from "./availability.ts";
import { type TimeRange, unionOfBounds } from "./availability_ranges.ts";
import {
  DAY_MS,
  epochDayOf,
  formatLocalDate,
  isoWeekday,
  isTimeZone,
  MINUTE_MS,
  parseClock,
  parseLocalDate,
  type ZoneTimeline,
} from "./wall_time.ts";

/** One opening of a resource on one local date, as instants plus the wall time it opens at. */
export interface Opening extends TimeRange {
  /** The local date (epoch day) the opening belongs to: its weekday picked it, a closed date cancels it. */
  epochDay: number;
  /** The nominal opening wall time (may lie in a DST gap; `start` is then its compatible instant). */
  openWall: number;
  /** Whether the date is one of the resource's closed dates. */
  closed: boolean;
}

export interface PreparedResource {
  source: BookableResource;
  setupMs: number;
  teardownMs: number;
  /** Busy ranges and closures, normalized, each widened so that a session overlapping it would have
   *  its own buffers collide: [start − teardown, end + setup). */
  blocked(): TimeRange[];
  openings(timeline: ZoneTimeline, firstDay: number, lastDay: number): Opening[];
}

/** Collects "field → problem" pairs so one ValidationError can name every bad input. */
export type Problems = Record<string, string>;

/** Checks a resource and prepares it; problems go into `problems` under `resources[i]…` names. */
export function prepareResource(
  resource: BookableResource,
  at: string,
  problems: Problems,
): PreparedResource {
  if (typeof resource.id !== "string" || !resource.id) problems[`${at}.id`] = "Give the resource an id.";
  if (!isTimeZone(resource.timeZone)) {
    problems[`${at}.timeZone`] = "Use an IANA time zone, e.g. Europe/Paris.";
  }

  // Minutes after midnight per ISO weekday; close ≤ open means the interval ends the next day.
  const hoursByWeekday: { open: number; close: number }[][] = [[], [], [], [], [], [], [], []];
  resource.hours.forEach((hours, i) => {
    const open = parseClock(hours.open);
    const close = parseClock(hours.close, true);
    if (!Number.isInteger(hours.weekday) || hours.weekday < 1 || hours.weekday > 7) {
      problems[`${at}.hours[${i}].weekday`] = "Use an ISO weekday, 1 (Monday) to 7 (Sunday).";
    } else if (open === undefined) {
      problems[`${at}.hours[${i}].open`] = "Use a time from 00:00 to 23:59.";
    } else if (close === undefined) {
      problems[`${at}.hours[${i}].close`] = "Use a time from 00:00 to 24:00.";
    } else {
      hoursByWeekday[hours.weekday].push({ open, close: close <= open ? close + 24 * 60 : close });
    }
  });

  const closedDays: [number, number][] = [];
  (resource.closedDates ?? []).forEach((dates, i) => {
    const from = parseLocalDate(dates.from);
    const to = parseLocalDate(dates.to);
    if (from === undefined) problems[`${at}.closedDates[${i}].from`] = "Use a date as YYYY-MM-DD.";
    else if (to === undefined) problems[`${at}.closedDates[${i}].to`] = "Use a date as YYYY-MM-DD.";
    else if (to < from) {
      problems[`${at}.closedDates[${i}].to`] = "The last closed date comes before the first.";
    } else closedDays.push([from, to]);
  });

  const setupMinutes = resource.setupMinutes ?? 0;
  const teardownMinutes = resource.teardownMinutes ?? 0;
  if (!isWholeMinutes(setupMinutes)) {
    problems[`${at}.setupMinutes`] = "Use a whole number of minutes, 0 or more.";
  }
  if (!isWholeMinutes(teardownMinutes)) {
    problems[`${at}.teardownMinutes`] = "Use a whole number of minutes, 0 or more.";
  }
  const setupMs = setupMinutes * MINUTE_MS;
  const teardownMs = teardownMinutes * MINUTE_MS;

  const blocking = [...(resource.busy ?? []), ...(resource.closures ?? [])];
  const checkRanges = (list: readonly BusyRange[] | undefined, field: string) =>
    list?.forEach((range, i) => {
      if (!isInstantRange(range)) problems[`${at}.${field}[${i}]`] = "The range must end after it starts.";
    });
  checkRanges(resource.busy, "busy");
  checkRanges(resource.closures, "closures");

  return {
    source: resource,
    setupMs,
    teardownMs,
    blocked() {
      const starts = new Float64Array(blocking.length);
      const ends = new Float64Array(blocking.length);
      blocking.forEach((range, i) => {
        starts[i] = range.start - teardownMs;
        ends[i] = range.end + setupMs;
      });
      return unionOfBounds(starts, ends);
    },
    openings(timeline, firstDay, lastDay) {
      const found: Opening[] = [];
      for (let day = firstDay; day <= lastDay; day++) {
        const closed = closedDays.some(([from, to]) => from <= day && day <= to);
        for (const { open, close } of hoursByWeekday[isoWeekday(day)]) {
          const openWall = day * DAY_MS + open * MINUTE_MS;
          const start = timeline.resolve(openWall);
          const end = timeline.resolve(day * DAY_MS + close * MINUTE_MS);
          // An interval wholly inside a spring-forward gap (02:15–02:45) has no real time.
          if (end > start) found.push({ start, end, epochDay: day, openWall, closed });
        }
      }
      return found;
    },
  };
}

/** The local dates (epoch days) whose openings can touch [start, end]: an opening lasts at most a
 *  day plus a DST hour, so it may begin up to two local dates before the instant it covers. */
export function openingDays(timeline: ZoneTimeline, start: number, end: number): [number, number] {
  return [epochDayOf(timeline.wallTimeOf(start)) - 2, epochDayOf(timeline.wallTimeOf(end))];
}

/** "YYYY-MM-DD" of an opening's local date, for refusals. */
export function openingDate(opening: Opening): string {
  return formatLocalDate(opening.epochDay);
}

export function isInstantRange(range: TimeRange): boolean {
  return Number.isFinite(range?.start) && Number.isFinite(range?.end) && range.end > range.start;
}

function isWholeMinutes(value: number): boolean {
  return Number.isInteger(value) && value >= 0;
}

import { Temporal } from "temporal-polyfill";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * The instant a local date and wall-clock time name in `zone`, or null when either is malformed.
 * A time skipped by a DST change moves forward (Temporal's "compatible"), as calendars do.
 */
export function zonedInstant(date: string, time: string, zone: string): Date | null {
  if (!DATE.test(date) || !TIME.test(time)) return null;
  try {
    const local = Temporal.PlainDateTime.from(`${date}T${time}`);
    return new Date(local.toZonedDateTime(zone, { disambiguation: "compatible" }).epochMilliseconds);
  } catch {
    return null;
  }
}

// One formatter per zone: building one is what costs (pages ask for local parts on every request).
const wallClocks = new Map<string, Intl.DateTimeFormat>();

function wallClock(zone: string): Intl.DateTimeFormat {
  let format = wallClocks.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    // A zone is validated by the formatter (RangeError when unknown) before it is remembered.
    wallClocks.set(zone, format);
  }
  return format;
}

// Since 1972 every zone's offset is whole minutes, so a local minute is a whole UTC minute: the last
// one asked per zone is remembered (pages ask "today" on every request, and formatting costs ~20 µs).
const MINUTE_ALIGNED_FROM = Date.UTC(1973, 0, 1);
const lastMinutes = new Map<string, { minute: number; date: string; time: string }>();

/** The local date ("YYYY-MM-DD") and time ("HH:MM") of an instant in `zone`. */
export function localParts(instant: Date, zone: string): { date: string; time: string } {
  const ms = instant.getTime();
  const minute = Math.floor(ms / 60_000);
  const last = lastMinutes.get(zone);
  if (last?.minute === minute) return { date: last.date, time: last.time };
  const parts = formatLocalParts(instant, zone);
  if (ms >= MINUTE_ALIGNED_FROM) lastMinutes.set(zone, { minute, ...parts });
  return parts;
}

function formatLocalParts(instant: Date, zone: string): { date: string; time: string } {
  const part: Record<string, string> = {};
  for (const { type, value } of wallClock(zone).formatToParts(instant)) part[type] = value;
  return {
    date: `${part.year.padStart(4, "0")}-${part.month}-${part.day}`,
    time: `${part.hour}:${part.minute}`,
  };
}

/** The local date `days` after `date`. */
export function addDays(date: string, days: number): string {
  return Temporal.PlainDate.from(date).add({ days }).toString();
}

/** The Monday of the ISO week holding `date`. */
export function startOfWeek(date: string): string {
  const day = Temporal.PlainDate.from(date);
  return day.subtract({ days: day.dayOfWeek - 1 }).toString();
}

/**
 * Wall-clock dates in a studio's IANA time zone to UTC instants, for filters such as "from 3 March":
 * the instant the day starts on the studio's clocks, DST transitions included.
 */

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** Milliseconds the zone's wall clock is ahead of UTC at `instant`. */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    offsetFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
  const wall = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The UTC instant at which `date` (YYYY-MM-DD) begins in `timeZone`; null for a malformed date. */
export function startOfZonedDay(date: string, timeZone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const wallMidnight = Date.UTC(+match[1], +match[2] - 1, +match[3]);
  if (Number.isNaN(wallMidnight) || new Date(wallMidnight).toISOString().slice(0, 10) !== date) return null;
  // Two passes: the offset at the first guess may differ from the offset at the answer (DST).
  let instant = wallMidnight - zoneOffsetMs(wallMidnight, timeZone);
  instant = wallMidnight - zoneOffsetMs(instant, timeZone);
  return new Date(instant);
}

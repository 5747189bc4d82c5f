/**
 * Session times as a client reads them in an e-mail: on the studio's wall clock, with the zone named,
 * because the reader may be elsewhere and a bare "14:00" would be read in their own zone.
 *
 * ```ts
 * sessionTimes([{ start, end }], "Europe/Paris", "en");
 * // ["Tue, Mar 3, 2026, 2:00 – 6:00 PM (Europe/Paris)"]
 * ```
 */
import type { Locale } from "../i18n/mod.ts";

const formats = new Map<string, Intl.DateTimeFormat>();

function format(locale: Locale, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}`;
  let found = formats.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, {
      weekday: "short",
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "numeric",
      minute: "2-digit",
      timeZone,
    });
    formats.set(key, found);
  }
  return found;
}

/** One line per block, in start order: its day and local start–end (the end's day too past midnight) and the zone. */
export function sessionTimes(
  blocks: readonly { start: Date; end: Date }[],
  timeZone: string,
  locale: Locale,
): string[] {
  const f = format(locale, timeZone);
  return [...blocks].sort((a, b) => a.start.getTime() - b.start.getTime())
    .map((block) => `${f.formatRange(block.start, block.end)} (${timeZone})`);
}

/** One instant on the studio's clock with the zone named, e.g. when a hold lapses. */
export function zonedInstant(instant: Date, timeZone: string, locale: Locale): string {
  return `${format(locale, timeZone).format(instant)} (${timeZone})`;
}

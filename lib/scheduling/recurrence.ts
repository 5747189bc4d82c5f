import { Temporal } from "temporal-polyfill";
import type { SeriesRule } from "../../db/schema/mod.ts";
import { ValidationError } from "../errors.ts";
import { parseInput } from "../validation.ts";
import { seriesRuleSchema } from "./series_input.ts";

/** A series never grows past this; a studio booking further ahead makes a second series. */
export const MAX_OCCURRENCES = 200;

export interface TimeBlock {
  start: Date;
  end: Date;
}

const toZoned = (d: Date, zone: string) =>
  Temporal.Instant.fromEpochMilliseconds(d.getTime()).toZonedDateTimeISO(zone);

/**
 * The occurrences of a series: the first occurrence's blocks repeated on each date the rule gives,
 * at the same local wall-clock times — a 10:00 weekly session stays at 10:00 across DST changes
 * (a time that does not exist that day moves forward, Temporal's "compatible"). Monthly series
 * repeat on the same weekday of the month (the 2nd Tuesday; a 5th weekday means the last one).
 * Occurrence 0 is `first` itself.
 */
export function occurrences(first: TimeBlock[], rule: SeriesRule, zone: string): TimeBlock[][] {
  rule = parseInput(seriesRuleSchema, rule);
  const anchor = toZoned(first[0].start, zone).toPlainDate();
  const until = rule.until ? Temporal.PlainDate.from(rule.until) : undefined;
  const limit = Math.min(rule.count ?? MAX_OCCURRENCES, MAX_OCCURRENCES);
  const result: TimeBlock[][] = [];
  for (let n = 0; result.length < limit; n++) {
    const date = rule.frequency === "weekly"
      ? anchor.add({ weeks: n * rule.interval })
      : sameWeekdayOfMonth(anchor, n * rule.interval);
    if (until && Temporal.PlainDate.compare(date, until) > 0) break;
    const days = anchor.until(date, { largestUnit: "days" }).days;
    result.push(
      first.map((block) => ({
        start: shiftDays(block.start, days, zone),
        end: shiftDays(block.end, days, zone),
      })),
    );
  }
  if (until && result.length === MAX_OCCURRENCES) {
    const last = toZoned(result.at(-1)![0].start, zone).toPlainDate();
    if (Temporal.PlainDate.compare(last, until) < 0) {
      throw new ValidationError({
        "series.until": `A series has at most ${MAX_OCCURRENCES} sessions; choose an earlier end date.`,
      });
    }
  }
  return result;
}

/** The same wall-clock time `days` calendar days later in `zone`. */
export function shiftDays(instant: Date, days: number, zone: string): Date {
  const local = toZoned(instant, zone).toPlainDateTime().add({ days });
  return new Date(local.toZonedDateTime(zone, { disambiguation: "compatible" }).epochMilliseconds);
}

/** The same wall-clock time moved by `minutes` of wall time in `zone` (a "move to 11:00" of a 10:00 session). */
export function shiftWallMinutes(instant: Date, minutes: number, zone: string): Date {
  const local = toZoned(instant, zone).toPlainDateTime().add({ minutes });
  return new Date(local.toZonedDateTime(zone, { disambiguation: "compatible" }).epochMilliseconds);
}

/** The `anchor`'s weekday-of-month (2nd Tuesday…) `months` months later; a 5th weekday means the month's last. */
function sameWeekdayOfMonth(anchor: Temporal.PlainDate, months: number): Temporal.PlainDate {
  const nth = Math.ceil(anchor.day / 7);
  const month = anchor.with({ day: 1 }).add({ months });
  const offset = (anchor.dayOfWeek - month.dayOfWeek + 7) % 7;
  let date = month.add({ days: offset + (Math.min(nth, 5) - 1) * 7 });
  while (date.month !== month.month) date = date.subtract({ weeks: 1 });
  return date;
}

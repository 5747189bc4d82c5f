/**
 * Closures and time off as people type them — whole days, or from one local date and time to
 * another — turned into UTC instants in the studio's zone, and back for display.
 *
 * ```ts
 * spanInstants({ kind: "days", from: "2026-12-24", to: "2026-12-26" }, "Europe/Paris");
 * // 2026-12-23T23:00Z → 2026-12-26T23:00Z: three whole days on the studio's clocks
 * ```
 */
import { Temporal } from "temporal-polyfill";
import { z } from "zod";
import { type Problem, problem, ResourceValidationError } from "./resource_validation.ts";

/** Whole local days (`to` inclusive), or local date-times as a `datetime-local` input sends them. */
export type LocalSpan =
  | { kind: "days"; from: string; to: string }
  | { kind: "times"; start: string; end: string };

/** Longer than any closure or leave; a typo in the year should not close a room for a century. */
export const MAX_SPAN_DAYS = 366;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

function plainDate(text: string): Temporal.PlainDate | undefined {
  if (!DATE.test(text)) return undefined;
  try {
    return Temporal.PlainDate.from(text, { overflow: "reject" });
  } catch {
    return undefined;
  }
}

function plainDateTime(text: string): Temporal.PlainDateTime | undefined {
  if (!DATE_TIME.test(text)) return undefined;
  try {
    return Temporal.PlainDateTime.from(text, { overflow: "reject" });
  } catch {
    return undefined;
  }
}

/**
 * The instants a span covers in `timeZone`. A day starts when the zone's clocks first show it
 * (00:00, or 01:00 where midnight is skipped); a wall time that a DST change skips is read as a
 * person moving the clock would (02:30 on a spring-forward night is 03:30). Problems are field
 * errors on `from`/`to` or `start`/`end`.
 */
export function spanInstants(span: LocalSpan, timeZone: string): { startsAt: Date; endsAt: Date } {
  const problems: Record<string, Problem> = {};
  let startsAt: Temporal.ZonedDateTime | undefined;
  let endsAt: Temporal.ZonedDateTime | undefined;
  const [startField, endField] = span.kind === "days" ? ["from", "to"] : ["start", "end"];
  if (span.kind === "days") {
    const from = plainDate(span.from);
    const to = plainDate(span.to);
    if (!from) problems.from = problem("resources.span.date");
    if (!to) problems.to = problem("resources.span.date");
    if (from && to) {
      startsAt = from.toZonedDateTime({ timeZone });
      endsAt = to.add({ days: 1 }).toZonedDateTime({ timeZone });
    }
  } else {
    const start = plainDateTime(span.start);
    const end = plainDateTime(span.end);
    if (!start) problems.start = problem("resources.span.date_time");
    if (!end) problems.end = problem("resources.span.date_time");
    if (start && end) {
      startsAt = start.toZonedDateTime(timeZone, { disambiguation: "compatible" });
      endsAt = end.toZonedDateTime(timeZone, { disambiguation: "compatible" });
    }
  }
  if (startsAt && endsAt) {
    if (Temporal.ZonedDateTime.compare(endsAt, startsAt) <= 0) {
      problems[endField] = problem(
        span.kind === "days" ? "resources.span.to_before_from" : "resources.span.end_before_start",
      );
    } else if (startsAt.toPlainDate().until(endsAt.toPlainDate()).days > MAX_SPAN_DAYS) {
      problems[endField] = problem("resources.span.too_long", { days: MAX_SPAN_DAYS });
    }
  }
  if (Object.keys(problems).length > 0 || !startsAt || !endsAt) {
    throw new ResourceValidationError(
      Object.keys(problems).length ? problems : { [startField]: problem("resources.span.date") },
    );
  }
  return { startsAt: new Date(startsAt.epochMilliseconds), endsAt: new Date(endsAt.epochMilliseconds) };
}

/**
 * How a stored span reads on the studio's clocks: whole days when it starts and ends at the start
 * of a local day (`to` inclusive), else local date-times ("2026-03-29T14:00").
 */
export function localSpanOf(startsAt: Date, endsAt: Date, timeZone: string): LocalSpan {
  const start = Temporal.Instant.fromEpochMilliseconds(startsAt.getTime()).toZonedDateTimeISO(timeZone);
  const end = Temporal.Instant.fromEpochMilliseconds(endsAt.getTime()).toZonedDateTimeISO(timeZone);
  const startsDay = start.equals(start.startOfDay());
  const endsDay = end.equals(end.startOfDay());
  if (startsDay && endsDay) {
    return {
      kind: "days",
      from: start.toPlainDate().toString(),
      to: end.toPlainDate().subtract({ days: 1 }).toString(),
    };
  }
  const wall = (zoned: Temporal.ZonedDateTime) =>
    zoned.toPlainDateTime().toString({ smallestUnit: "minute" });
  return { kind: "times", start: wall(start), end: wall(end) };
}

/** A span as a form or the API sends it. */
export const localSpanSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("days"), from: z.string(), to: z.string() }),
  z.object({ kind: z.literal("times"), start: z.string(), end: z.string() }),
]);

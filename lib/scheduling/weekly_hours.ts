/**
 * Weekly timetables — a room's opening hours, an engineer's working hours — as intervals of local wall
 * time per ISO weekday. An interval whose `close` is not after its `open` ends the next day
 * (22:00–02:00 on Friday runs into Saturday night); "24:00" closes at midnight.
 *
 * ```ts
 * weeklyHoursSchema.parse([{ weekday: 5, open: "22:00", close: "02:00" }]);
 * ```
 */
import { z } from "zod";
import type { WeeklyInterval } from "../../db/schema/mod.ts";
import { type Problem, problem } from "./resource_validation.ts";
import { parseClock } from "./wall_time.ts";

export type { WeeklyInterval };

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

const DAY_MINUTES = 24 * 60;
const WEEK_MINUTES = 7 * DAY_MINUTES;
/** Four intervals a day is more than any real timetable; the cap bounds the overlap check. */
export const MAX_WEEKLY_INTERVALS = 28;

/** An interval's place in the week, in minutes after Monday 00:00; `end` may pass Sunday midnight. */
interface WeekSpan {
  start: number;
  end: number;
}

function spanOf(interval: WeeklyInterval): WeekSpan | undefined {
  const open = parseClock(interval.open);
  const close = parseClock(interval.close, true);
  if (open === undefined || close === undefined) return undefined;
  const dayStart = (interval.weekday - 1) * DAY_MINUTES;
  return { start: dayStart + open, end: dayStart + (close > open ? close : close + DAY_MINUTES) };
}

/** "09:00–13:00", as problems quote an interval. */
export function intervalLabel(interval: WeeklyInterval): string {
  return `${interval.open}–${interval.close}`;
}

/**
 * Everything wrong with a timetable, keyed by weekday ("3") or, for an interval with no valid
 * weekday, by its position ("#2"). Overlaps are reported on the interval that starts inside another:
 * on the same day, or inside the previous day's overnight hours (Sunday's run into Monday).
 */
export function weeklyHoursProblems(intervals: readonly WeeklyInterval[]): Record<string, Problem> {
  const problems: Record<string, Problem> = {};
  const spans: { interval: WeeklyInterval; span: WeekSpan }[] = [];
  intervals.forEach((interval, index) => {
    if (!Number.isInteger(interval.weekday) || interval.weekday < 1 || interval.weekday > 7) {
      problems[`#${index}`] ??= problem("resources.hours.weekday");
      return;
    }
    const key = String(interval.weekday);
    if (parseClock(interval.open) === undefined) {
      problems[key] ??= problem("resources.hours.time_format", { time: interval.open });
      return;
    }
    if (parseClock(interval.close, true) === undefined) {
      problems[key] ??= problem("resources.hours.time_format", { time: interval.close });
      return;
    }
    spans.push({ interval, span: spanOf(interval)! });
  });
  for (let i = 0; i < spans.length; i++) {
    for (let j = 0; j < spans.length; j++) {
      if (i === j) continue;
      const earlier = spans[i];
      const later = spans[j];
      // Equal starts overlap both ways: report the pair once, on the one given second.
      if (earlier.span.start === later.span.start && j < i) continue;
      const startsInside = [later.span.start, later.span.start + WEEK_MINUTES].some((start) =>
        start >= earlier.span.start && start < earlier.span.end
      );
      if (!startsInside) continue;
      const key = String(later.interval.weekday);
      const params = { first: intervalLabel(earlier.interval), second: intervalLabel(later.interval) };
      problems[key] ??= earlier.interval.weekday === later.interval.weekday
        ? problem("resources.hours.overlap", params)
        : problem("resources.hours.overlap_previous_day", params);
    }
  }
  return problems;
}

/** Monday first, then by opening time, so stored timetables read in week order. */
export function sortWeeklyHours(intervals: readonly WeeklyInterval[]): WeeklyInterval[] {
  return [...intervals].sort((a, b) => a.weekday - b.weekday || a.open.localeCompare(b.open));
}

/** The intervals of one weekday, in opening order. */
export function hoursOn(intervals: readonly WeeklyInterval[], weekday: number): WeeklyInterval[] {
  return sortWeeklyHours(intervals.filter((interval) => interval.weekday === weekday));
}

const intervalSchema = z.object({
  weekday: z.number().int(),
  open: z.string(),
  close: z.string(),
});

/**
 * A timetable as the domain stores it: checked by {@link weeklyHoursProblems} (each problem on the path
 * of its weekday) and returned in week order.
 */
export const weeklyHoursSchema = z.array(intervalSchema).max(MAX_WEEKLY_INTERVALS, {
  message: "resources.hours.too_many",
}).superRefine((intervals, ctx) => {
  for (const [key, p] of Object.entries(weeklyHoursProblems(intervals))) {
    ctx.addIssue({
      code: "custom",
      message: p.id!,
      params: p.params,
      path: key.startsWith("#") ? [] : [key],
    });
  }
}).transform(sortWeeklyHours);

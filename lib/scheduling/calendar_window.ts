import { addDays, startOfWeek, zonedInstant } from "./local_time.ts";

export type CalendarView = "day" | "week" | "month";

/** The local dates a calendar page shows and where its arrows lead. */
export interface CalendarWindow {
  view: CalendarView;
  /** The date asked for ("YYYY-MM-DD"). */
  date: string;
  /** First shown date and the date after the last. */
  first: string;
  afterLast: string;
  days: number;
  title: string;
  previous: string;
  next: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The window of a calendar view around `date` (default today): a day, the Monday-to-Sunday week, or
 * the whole weeks covering the month. Unknown views fall back to the week.
 */
export function calendarWindow(
  view: string | null,
  date: string | null,
  today: string,
  locale: string,
  zone: string,
): CalendarWindow {
  const v: CalendarView = view === "day" || view === "month" ? view : "week";
  const d = date && DATE.test(date) && zonedInstant(date, "12:00", "UTC") ? date : today;
  const noon = (x: string) => zonedInstant(x, "12:00", zone)!;
  const format = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(locale, { ...options, timeZone: zone });
  if (v === "day") {
    return {
      view: v,
      date: d,
      first: d,
      afterLast: addDays(d, 1),
      days: 1,
      title: format({ dateStyle: "full" }).format(noon(d)),
      previous: addDays(d, -1),
      next: addDays(d, 1),
    };
  }
  if (v === "week") {
    const first = startOfWeek(d);
    return {
      view: v,
      date: d,
      first,
      afterLast: addDays(first, 7),
      days: 7,
      title: format({ dateStyle: "medium" }).formatRange(noon(first), noon(addDays(first, 6))),
      previous: addDays(d, -7),
      next: addDays(d, 7),
    };
  }
  const monthStart = `${d.slice(0, 8)}01`;
  const nextMonth = addMonths(monthStart, 1);
  const first = startOfWeek(monthStart);
  const lastWeek = startOfWeek(addDays(nextMonth, -1));
  const afterLast = addDays(lastWeek, 7);
  return {
    view: v,
    date: d,
    first,
    afterLast,
    days: Math.round((Date.parse(afterLast) - Date.parse(first)) / 86_400_000),
    title: format({ month: "long", year: "numeric" }).format(noon(monthStart)),
    previous: addMonths(monthStart, -1),
    next: nextMonth,
  };
}

function addMonths(monthStart: string, months: number): string {
  const [y, m] = monthStart.split("-").map(Number);
  const index = y * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${String(index % 12 + 1).padStart(2, "0")}-01`;
}

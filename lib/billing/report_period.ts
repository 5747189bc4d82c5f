/**
 * The period a revenue report covers: a month, quarter or year, or custom dates, read from a query
 * (`?period=…&year=…`), with bad values as field errors.
 */
import { Temporal } from "temporal-polyfill";
import { ValidationError } from "../errors.ts";

export const PERIOD_KINDS = ["month", "quarter", "year", "custom"] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** A period of the studio's local dates, both ends included. */
export interface ReportPeriod {
  kind: PeriodKind;
  from: string;
  to: string;
}

/** What the report's form (or the API) asks for; every field optional. */
export interface PeriodQuery {
  period?: string | null;
  /** "2026" */
  year?: string | null;
  /** "1"–"12" */
  month?: string | null;
  /** "1"–"4" */
  quarter?: string | null;
  /** Local dates, for `custom`. */
  from?: string | null;
  to?: string | null;
}

export const PERIOD_QUERY_FIELDS = ["period", "year", "month", "quarter", "from", "to"] as const;

/** A query string's period fields as resolvePeriod reads them (the page, its CSV and the API share it). */
export function periodQueryOf(params: URLSearchParams): PeriodQuery {
  return Object.fromEntries(PERIOD_QUERY_FIELDS.map((f) => [f, params.get(f)])) as PeriodQuery;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** The longest custom period: ten years of monthly rows. */
const MAX_DAYS = 3660;

function realDate(value: string | null | undefined, field: string): string {
  if (!value || !DATE.test(value)) throw new ValidationError({ [field]: "Give a date as YYYY-MM-DD." });
  try {
    return Temporal.PlainDate.from(value, { overflow: "reject" }).toString();
  } catch {
    throw new ValidationError({ [field]: "Give a real date." });
  }
}

function whole(value: string | null | undefined, min: number, max: number, fallback: number, field: string) {
  if (value === null || value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ValidationError({ [field]: `Give a whole number from ${min} to ${max}.` });
  }
  return n;
}

/**
 * The period asked for: a month, a quarter or a year (of `today`'s by default) or custom dates. A
 * query with only `from`/`to` is custom. Bad values are a ValidationError on their field.
 */
export function resolvePeriod(query: PeriodQuery, today: string): ReportPeriod {
  const asked = query.period || (query.from || query.to ? "custom" : "month");
  if (!PERIOD_KINDS.includes(asked as PeriodKind)) {
    throw new ValidationError({ period: "Choose month, quarter, year or custom." });
  }
  const kind = asked as PeriodKind;
  const now = Temporal.PlainDate.from(today);
  if (kind === "custom") {
    const from = realDate(query.from, "from");
    const to = realDate(query.to, "to");
    if (to < from) throw new ValidationError({ to: "The end date comes before the start date." });
    if (Temporal.PlainDate.from(from).until(Temporal.PlainDate.from(to)).days >= MAX_DAYS) {
      throw new ValidationError({ to: "A report covers at most ten years." });
    }
    return { kind, from, to };
  }
  const year = whole(query.year, 1900, 2999, now.year, "year");
  if (kind === "year") return { kind, from: `${year}-01-01`, to: `${year}-12-31` };
  const firstMonth = kind === "quarter"
    ? (whole(query.quarter, 1, 4, Math.ceil(now.month / 3), "quarter") - 1) * 3 + 1
    : whole(query.month, 1, 12, now.month, "month");
  const start = Temporal.PlainDate.from({ year, month: firstMonth, day: 1 });
  const end = start.add({ months: kind === "quarter" ? 3 : 1 }).subtract({ days: 1 });
  return { kind, from: start.toString(), to: end.toString() };
}

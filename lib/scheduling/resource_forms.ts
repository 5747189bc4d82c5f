/**
 * The staff pages' forms for rooms, engineers and gear, both ways: what people type (amounts in the
 * studio's currency with their own decimal separator, lengths in hours such as "1.5" or "1:30",
 * times "HH:MM", one or two intervals per weekday) to domain input (minor units, whole minutes,
 * WeeklyInterval[]), and a stored record back to the text its form shows. Form fields are named like
 * the domain's fields, so a domain problem lands beside the field it is about.
 */
import type { z } from "zod";
import { currencyExponent, parseAmount, toDecimalAmount } from "../billing/currency.ts";
import { ValidationError } from "../errors.ts";
import type { Locale } from "../i18n/mod.ts";
import { type Engineer, type EngineerInput, engineerInputSchema } from "./engineers.ts";
import { type GearInput, gearInputSchema, type GearItem } from "./gear.ts";
import type { LocalSpan } from "./local_span.ts";
import { type Problem, problem, problemsOf, ResourceValidationError } from "./resource_validation.ts";
import { type Room, type RoomInput, roomInputSchema } from "./rooms.ts";
import { hoursOn, WEEKDAYS, type WeeklyInterval } from "./weekly_hours.ts";

/** What reading a form needs to know: the studio's currency and the reader's locale. */
export interface FormLocale {
  currency: string;
  locale: Locale;
}

/** A form's fields as text, keyed by field name, as pages render them back. */
export type FormValues = Record<string, string>;

/** Reads one form's fields, collecting every problem instead of stopping at the first. */
class FormReader {
  readonly problems: Record<string, Problem> = {};
  constructor(private readonly form: FormData, private readonly where: FormLocale) {}

  text(name: string): string {
    const value = this.form.get(name);
    return typeof value === "string" ? value.trim() : "";
  }

  /** "" (not offered) as null, else an amount in minor units. */
  amount(name: string, optional: boolean): number | null | undefined {
    const text = this.text(name);
    if (text === "") {
      if (optional) return null;
      this.problems[name] = problem("resources.error.amount_required");
      return undefined;
    }
    try {
      return parseAmount(text, this.where.currency, { locale: this.where.locale, field: name });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const digits = currencyExponent(this.where.currency);
      this.problems[name] = problem("resources.error.amount_format", {
        example: decimalText(120 * 10 ** digits, this.where),
        digits,
      });
      return undefined;
    }
  }

  /** A length typed in hours, as exact whole minutes. */
  hours(name: string): number | undefined {
    const minutes = minutesFromHours(this.text(name));
    if (minutes === undefined) this.problems[name] = problem("resources.error.hours_format");
    return minutes;
  }

  /** A whole number of minutes; empty is zero. */
  minutes(name: string): number | undefined {
    const text = this.text(name);
    if (text === "") return 0;
    if (!/^\d{1,5}$/.test(text)) {
      this.problems[name] = problem("resources.error.minutes");
      return undefined;
    }
    return Number(text);
  }

  /** A whole number, or null when left empty. */
  count(name: string, message: Parameters<typeof problem>[0]): number | null | undefined {
    const text = this.text(name);
    if (text === "") return null;
    if (!/^\d{1,6}$/.test(text)) {
      this.problems[name] = problem(message);
      return undefined;
    }
    return Number(text);
  }

  /** Up to two intervals per weekday from `<name>.<weekday>.open|close|open2|close2`; blank days are closed. */
  weeklyHours(name: string): WeeklyInterval[] {
    const intervals: WeeklyInterval[] = [];
    for (const weekday of WEEKDAYS) {
      for (const suffix of ["", "2"]) {
        const open = this.text(`${name}.${weekday}.open${suffix}`);
        const close = this.text(`${name}.${weekday}.close${suffix}`);
        if (open === "" && close === "") continue;
        if (open === "" || close === "") {
          this.problems[`${name}.${weekday}`] ??= problem("resources.hours.both_times");
          continue;
        }
        intervals.push({ weekday, open, close });
      }
    }
    return intervals;
  }

  /**
   * The decoded input, checked by `schema` too so that every field's problem shows at once; fields
   * that could not be decoded are left to their decoding problem.
   */
  result<S extends z.ZodType>(schema: S, input: Record<string, unknown>): z.input<S> {
    const decoded = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
    const parsed = schema.safeParse(decoded);
    const problems = { ...(parsed.success ? {} : problemsOf(parsed.error)), ...this.problems };
    if (Object.keys(problems).length > 0) throw new ResourceValidationError(problems);
    return decoded as z.input<S>;
  }
}

/**
 * Exact minutes of a length typed in hours: "2", "1.5", "1,25" or "1:30". Fractions that are not
 * whole minutes ("0.01") are refused rather than rounded.
 */
export function minutesFromHours(text: string): number | undefined {
  const clock = /^(\d{1,2}):([0-5]\d)$/.exec(text);
  if (clock) return Number(clock[1]) * 60 + Number(clock[2]);
  const decimal = /^(\d{1,2})(?:[.,](\d{1,6}))?$/.exec(text);
  if (!decimal) return undefined;
  const fraction = decimal[2] ?? "";
  const scale = 10 ** fraction.length;
  const fractionMinutes = Number(fraction || "0") * 60;
  if (fractionMinutes % scale !== 0) return undefined;
  return Number(decimal[1]) * 60 + fractionMinutes / scale;
}

/**
 * A length in minutes as the hours field shows it: "2", "1.5" (with the locale's separator) when
 * that is exact in two decimals, else "1:40".
 */
export function hoursText(minutes: number, locale: Locale): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (rest === 0) return String(hours);
  if ((rest * 100) % 60 === 0) {
    const hundredths = String((rest * 100) / 60).padStart(2, "0").replace(/0$/, "");
    return `${hours}${decimalSeparator(locale)}${hundredths}`;
  }
  return `${hours}:${String(rest).padStart(2, "0")}`;
}

function decimalSeparator(locale: Locale): string {
  return new Intl.NumberFormat(locale).formatToParts(1.5).find((part) => part.type === "decimal")?.value ??
    ".";
}

/** Minor units as the amount field shows them: "1190.00", "1190,00" in French; "" for null. */
export function amountText(minorUnits: number | null, where: FormLocale): string {
  return minorUnits === null ? "" : decimalText(minorUnits, where);
}

function decimalText(minorUnits: number, where: FormLocale): string {
  return toDecimalAmount(minorUnits, where.currency).replace(".", decimalSeparator(where.locale));
}

function weeklyHoursValues(name: string, intervals: readonly WeeklyInterval[]): FormValues {
  const values: FormValues = {};
  for (const weekday of WEEKDAYS) {
    hoursOn(intervals, weekday).slice(0, 2).forEach((interval, index) => {
      const suffix = index === 0 ? "" : "2";
      values[`${name}.${weekday}.open${suffix}`] = interval.open;
      values[`${name}.${weekday}.close${suffix}`] = interval.close;
    });
  }
  return values;
}

/** A submitted form's fields as typed, to show them again beside their problems. */
export function submittedValues(form: FormData): FormValues {
  const values: FormValues = {};
  for (const [name, value] of form) if (typeof value === "string") values[name] = value;
  return values;
}

/** A room form's input, or a ResourceValidationError naming each field's problem. */
export function roomFromForm(form: FormData, where: FormLocale): RoomInput {
  const read = new FormReader(form, where);
  return read.result(roomInputSchema, {
    name: read.text("name"),
    kind: read.text("kind") || "other",
    capacity: read.count("capacity", "rooms.error.capacity"),
    colour: read.text("colour"),
    location: read.text("location"),
    openingHours: read.weeklyHours("openingHours"),
    setupMinutes: read.minutes("setupMinutes"),
    teardownMinutes: read.minutes("teardownMinutes"),
    minimumMinutes: read.hours("minimumMinutes"),
    hourlyRate: read.amount("hourlyRate", false),
    halfDayRate: read.amount("halfDayRate", true),
    halfDayMinutes: read.hours("halfDayMinutes"),
    dayRate: read.amount("dayRate", true),
    dayMinutes: read.hours("dayMinutes"),
    nightRate: read.amount("nightRate", true),
    nightStart: read.text("nightStart"),
    nightEnd: read.text("nightEnd"),
  });
}

/** A room's fields as its form shows them. */
export function roomValues(
  room: Omit<Room, "id" | "active" | "createdAt" | "updatedAt">,
  where: FormLocale,
): FormValues {
  return {
    name: room.name,
    kind: room.kind,
    capacity: room.capacity === null ? "" : String(room.capacity),
    colour: room.colour,
    location: room.location ?? "",
    ...weeklyHoursValues("openingHours", room.openingHours),
    setupMinutes: String(room.setupMinutes),
    teardownMinutes: String(room.teardownMinutes),
    minimumMinutes: hoursText(room.minimumMinutes, where.locale),
    hourlyRate: amountText(room.hourlyRate, where),
    halfDayRate: amountText(room.halfDayRate, where),
    halfDayMinutes: hoursText(room.halfDayMinutes, where.locale),
    dayRate: amountText(room.dayRate, where),
    dayMinutes: hoursText(room.dayMinutes, where.locale),
    nightRate: amountText(room.nightRate, where),
    nightStart: room.nightStart,
    nightEnd: room.nightEnd,
  };
}

/** An engineer form's input; an empty staff choice unlinks the account. */
export function engineerFromForm(form: FormData, where: FormLocale): EngineerInput {
  const read = new FormReader(form, where);
  return read.result(engineerInputSchema, {
    name: read.text("name"),
    email: read.text("email"),
    phone: read.text("phone"),
    staffId: read.text("staffId") || null,
    colour: read.text("colour"),
    workingHours: read.weeklyHours("workingHours"),
    hourlyRate: read.amount("hourlyRate", false),
    dayRate: read.amount("dayRate", true),
    dayMinutes: read.hours("dayMinutes"),
  });
}

export function engineerValues(
  engineer: Omit<Engineer, "id" | "active" | "createdAt" | "updatedAt">,
  where: FormLocale,
): FormValues {
  return {
    name: engineer.name,
    email: engineer.email ?? "",
    phone: engineer.phone ?? "",
    staffId: engineer.staffId ?? "",
    colour: engineer.colour,
    ...weeklyHoursValues("workingHours", engineer.workingHours),
    hourlyRate: amountText(engineer.hourlyRate, where),
    dayRate: amountText(engineer.dayRate, where),
    dayMinutes: hoursText(engineer.dayMinutes, where.locale),
  };
}

/** A gear form's input. */
export function gearFromForm(form: FormData, where: FormLocale): GearInput {
  const read = new FormReader(form, where);
  const quantity = read.count("quantity", "gear.error.quantity");
  if (quantity === null) read.problems.quantity = problem("gear.error.quantity");
  return read.result(gearInputSchema, {
    name: read.text("name"),
    category: read.text("category"),
    quantity: quantity ?? undefined,
    fee: read.amount("fee", false),
    feePer: read.text("feePer"),
    status: read.text("status"),
    notes: read.text("notes"),
  });
}

export function gearValues(
  item: Omit<GearItem, "id" | "createdAt" | "updatedAt">,
  where: FormLocale,
): FormValues {
  return {
    name: item.name,
    category: item.category ?? "",
    quantity: String(item.quantity),
    fee: amountText(item.fee, where),
    feePer: item.feePer,
    status: item.status,
    notes: item.notes ?? "",
  };
}

/** A closure's or time off's span from its form: `kind` is "days" (from, to) or "times" (start, end). */
export function spanFromForm(form: FormData): LocalSpan {
  const text = (name: string) => String(form.get(name) ?? "").trim();
  return text("kind") === "times"
    ? { kind: "times", start: text("start"), end: text("end") }
    : { kind: "days", from: text("from"), to: text("to") };
}

/** A span's problems on the fields of its form: the domain's `startsAt`/`endsAt` are `from`/`to` or `start`/`end`. */
export function spanErrors(kind: LocalSpan["kind"], errors: Record<string, string>): Record<string, string> {
  const names: Record<string, string> = kind === "days"
    ? { startsAt: "from", endsAt: "to" }
    : { startsAt: "start", endsAt: "end" };
  const renamed: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) renamed[names[field] ?? field] ??= message;
  return renamed;
}

/**
 * The `updatedAt` an edit form was rendered with (a hidden field), for UpdateOptions.unchangedSince;
 * undefined when absent or unreadable, which skips the check rather than refusing the save.
 */
export function unchangedSinceFromForm(form: FormData): Date | undefined {
  const text = form.get("updatedAt");
  const date = typeof text === "string" && text ? new Date(text) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

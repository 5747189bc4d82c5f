import { currencyExponent as isoExponent, formatAmount } from "../billing/currency.ts";
import { ValidationError } from "../errors.ts";
import type { Locale } from "./locales.ts";

// Building an Intl formatter costs far more than using one, and these run on every server render, so each
// distinct configuration is built once. Keys are bounded: locales × currencies / time zones × styles.
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** A point in time: a Date or milliseconds since the Unix epoch (UTC). */
export type Instant = Date | number;

/** How much detail a date or time shows, as Intl's dateStyle / timeStyle. */
export type DateTimeStyle = "full" | "long" | "medium" | "short";

/**
 * Digits after the decimal point for `currency` per ISO 4217 (JPY 0, EUR 2, KWD 3), from the one
 * table billing computes with (lib/billing/currency.ts; Intl is wrong for IQD, RSD…); throws
 * RangeError for an invalid code.
 */
export function currencyExponent(currency: string): number {
  try {
    return isoExponent(currency);
  } catch (err) {
    if (err instanceof ValidationError) throw new RangeError(`Not an ISO 4217 currency code: ${currency}`);
    throw err;
  }
}

/**
 * Formats an amount held in the currency's minor units (cents, fils, or whole yen for JPY) for display.
 *
 * @example formatMoney(119000, "EUR", "en") // "€1,190.00"
 */
export function formatMoney(minorUnits: number | bigint, currency: string, locale: Locale): string {
  if (typeof minorUnits === "number" && !Number.isSafeInteger(minorUnits)) {
    throw new RangeError(`Money must be a whole number of minor units, got ${minorUnits}`);
  }
  currencyExponent(currency);
  return formatAmount(minorUnits, currency, locale);
}

/** Formats a plain number with the locale's digit grouping and decimal separator. */
export function formatNumber(
  value: number | bigint,
  locale: Locale,
  options: Intl.NumberFormatOptions = {},
): string {
  return cachedNumberFormat(`${locale}|number|${JSON.stringify(options)}`, locale, options).format(value);
}

/** Formats the calendar date of `instant` as seen on a wall clock in `timeZone` (an IANA name). */
export function formatDate(
  instant: Instant,
  timeZone: string,
  locale: Locale,
  style: DateTimeStyle = "medium",
): string {
  return cachedDateTimeFormat(locale, timeZone, style, undefined).format(instant);
}

/** Formats the wall-clock time of `instant` in `timeZone` (an IANA name). */
export function formatTime(
  instant: Instant,
  timeZone: string,
  locale: Locale,
  style: DateTimeStyle = "short",
): string {
  return cachedDateTimeFormat(locale, timeZone, undefined, style).format(instant);
}

/** Formats the date and wall-clock time of `instant` in `timeZone` (an IANA name). */
export function formatDateTime(
  instant: Instant,
  timeZone: string,
  locale: Locale,
  styles: { date?: DateTimeStyle; time?: DateTimeStyle } = {},
): string {
  return cachedDateTimeFormat(locale, timeZone, styles.date ?? "medium", styles.time ?? "short")
    .format(instant);
}

function cachedNumberFormat(key: string, locale: Locale, options: Intl.NumberFormatOptions) {
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, format);
  }
  return format;
}

function cachedDateTimeFormat(
  locale: Locale,
  timeZone: string,
  dateStyle: DateTimeStyle | undefined,
  timeStyle: DateTimeStyle | undefined,
) {
  const key = `${locale}|${timeZone}|${dateStyle ?? ""}|${timeStyle ?? ""}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { timeZone, dateStyle, timeStyle });
    dateTimeFormats.set(key, format);
  }
  return format;
}

/**
 * Currencies and amounts of money: every amount is a whole number of the currency's minor unit (cents,
 * fils, or whole yen) with the exponent ISO 4217 gives it. Parsing, display and conversion are exact;
 * see docs/BILLING.md ("Money and currencies").
 */
import { ValidationError } from "../errors.ts";
import { problem, ResourceValidationError } from "../validation_messages.ts";
import {
  decimalPlaces,
  mul,
  parseDecimal,
  type Ratio,
  ratio,
  roundHalfAwayFromZero,
  toDecimalText,
} from "./currency_decimal.ts";

/**
 * Digits after the decimal point for every active ISO 4217 currency (List One, 2026), funds codes
 * included. A table rather than Intl: Intl's currency digits come from CLDR, which states how amounts
 * are usually displayed, not the currency's minor unit; it says 0 for IQD (ISO: 3), and for AFN, ALL,
 * IRR, KPW, LAK, LBP, MGA, MMK, RSD, SOS, SYP, YER (ISO: 2), and knows nothing of CLF or UYW (4).
 */
const ACTIVE: Readonly<Record<string, number>> = {
  ...exponent(0, "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF"),
  ...exponent(3, "BHD IQD JOD KWD LYD OMR TND"),
  ...exponent(4, "CLF UYW"),
  ...exponent(
    2,
    "AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF " +
      "CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD " +
      "GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL " +
      "MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR " +
      "PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP " +
      "TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG",
  ),
};

/**
 * Withdrawn in recent years (HRK 2023, ZWL 2024, SLL 2024, ANG 2025, BGN 2026, CUC): no new document
 * uses them, but documents issued in them must still compute and display.
 */
const WITHDRAWN: Readonly<Record<string, number>> = exponent(2, "ANG BGN CUC HRK SLL ZWL");

function exponent(digits: number, codes: string): Record<string, number> {
  return Object.fromEntries(codes.split(" ").map((code) => [code, digits]));
}

/** Every active ISO 4217 code, sorted: what a studio may pick for itself or a client. */
export const ACTIVE_CURRENCIES: readonly string[] = Object.keys(ACTIVE).sort();

/** Whether `code` is an active ISO 4217 currency (case-sensitive: codes are upper case). */
export function isActiveCurrency(code: string): boolean {
  return Object.hasOwn(ACTIVE, code);
}

/**
 * Digits after the decimal point for `currency` per ISO 4217: JPY 0, EUR 2, KWD 3, CLF 4. Accepts
 * lower case. A ValidationError on `field` for a code that is neither active nor recently withdrawn.
 */
export function currencyExponent(currency: string, field = "currency"): number {
  const code = typeof currency === "string" ? currency.toUpperCase() : "";
  const digits = Object.hasOwn(ACTIVE, code)
    ? ACTIVE[code]
    : Object.hasOwn(WITHDRAWN, code)
    ? WITHDRAWN[code]
    : undefined;
  if (digits === undefined) {
    throw new ResourceValidationError({
      [field]: problem("billing.error.not_iso_currency", { currency: String(currency) }),
    });
  }
  return digits;
}

/** A whole number of minor units: `number` for storage and JSON, `bigint` from BigInt columns. */
export type MinorUnits = number | bigint;

/** The amount as a plain decimal in major units, for APIs, exports and e-invoices: 119000 EUR → "1190.00". */
export function toDecimalAmount(minorUnits: MinorUnits, currency: string): string {
  return decimalLiteral(wholeMinorUnits(minorUnits, "amount"), currencyExponent(currency));
}

/**
 * Reads a plain machine decimal ("1190", "1190.5", "-3.125") as minor units of `currency`, as APIs and
 * imports send them. More decimals than the currency has are refused unless they are zeros.
 *
 * @example fromDecimalAmount("1190.5", "EUR") // 119050
 */
export function fromDecimalAmount(text: string, currency: string, field = "amount"): number {
  const value = typeof text === "string" ? parseDecimal(text) : undefined;
  if (!value) {
    throw new ValidationError({ [field]: `Give the amount as a decimal number, such as 1190.50.` });
  }
  return toMinor(value, currency, field);
}

export interface ParseAmountOptions {
  /** The reader's locale (BCP 47): settles whether "1,234" or "1.234" is a thousand or a decimal. */
  locale?: string;
  /** The form field errors are reported on. Default "amount". */
  field?: string;
  /** Accept a leading minus. Default false: prices and payments are never negative. */
  allowNegative?: boolean;
}

/**
 * Reads an amount a person typed ("1 234,56", "1,234.56", "1234.5", "1.234,56", "1'234.50") as minor
 * units of `currency`, exactly. The last `.` or `,` is the decimal separator when both appear; a single
 * one followed by exactly three digits is a decimal separator only where `locale` writes decimals with
 * it ("1,234" is 1234 in en, 1.234 in fr); other separators group digits. Spaces and apostrophes group
 * digits too. Throws a ResourceValidationError on `field` with a message the person can act on, as a
 * catalogue problem (pages show it in the reader's language; its example amount is written in `locale`).
 *
 * @example parseAmount("1 234,56", "EUR", { locale: "fr" }) // 123456
 */
export function parseAmount(text: string, currency: string, options: ParseAmountOptions = {}): number {
  const { locale = "en", field = "amount", allowNegative = false } = options;
  const digits = currencyExponent(currency);
  const unreadable = () =>
    new ResourceValidationError({
      [field]: problem("billing.error.amount_example", {
        example: formatPlain(123456n * 10n ** BigInt(digits) / 100n, digits, locale),
      }),
    });
  let body = text.trim();
  if (body === "") throw new ResourceValidationError({ [field]: problem("billing.error.enter_amount") });
  const negative = /^[-\u2212]/.test(body);
  if (negative || body.startsWith("+")) body = body.slice(1).trimStart();
  if (negative && !allowNegative) {
    throw new ResourceValidationError({ [field]: problem("billing.error.amount_not_negative") });
  }
  if (!/^[\d.,\s\u00a0\u202f\u2009'\u2019]+$/.test(body) || !/^\d/.test(body) || !/\d$/.test(body)) {
    throw unreadable();
  }

  const lastDot = body.lastIndexOf(".");
  const lastComma = body.lastIndexOf(",");
  let point = -1;
  if (lastDot >= 0 && lastComma >= 0) point = Math.max(lastDot, lastComma);
  else if (lastDot >= 0 || lastComma >= 0) {
    const separator = lastDot >= 0 ? "." : ",";
    const at = Math.max(lastDot, lastComma);
    const once = body.indexOf(separator) === at;
    const threeDigitsFollow = /^\d{3}$/.test(body.slice(at + 1));
    if (once && (!threeDigitsFollow || decimalSeparator(locale) === separator)) point = at;
  }
  const whole = point < 0 ? body : body.slice(0, point);
  const fraction = point < 0 ? "" : body.slice(point + 1);
  if (fraction !== "" && !/^\d+$/.test(fraction)) throw unreadable();
  const groups = whole.split(/[.,\s\u00a0\u202f\u2009'\u2019]/);
  // Groups after the first have three digits, or two before the last in Indian style (1,23,456).
  const grouped = groups.length === 1 ||
    (groups.every((g, i) =>
      i === 0 ? /^\d{1,3}$/.test(g) : i === groups.length - 1 ? /^\d{3}$/.test(g) : /^\d{2,3}$/.test(g)
    ));
  if (!grouped) throw unreadable();
  const value = parseDecimal(`${negative ? "-" : ""}${groups.join("")}${fraction ? "." + fraction : ""}`);
  if (!value) throw unreadable();
  return toMinor(value, currency, field);
}

function toMinor(value: Ratio, currency: string, field: string): number {
  const digits = currencyExponent(currency);
  const scaled = mul(value, ratio(10n ** BigInt(digits)));
  if (scaled.d !== 1n) {
    const code = currency.toUpperCase();
    throw new ResourceValidationError({
      [field]: digits === 0
        ? problem("billing.error.amount_no_decimals", { currency: code })
        : problem("billing.error.amount_decimals", { currency: code, decimals: digits }),
    });
  }
  return safeNumber(scaled.n, field);
}

const decimalSeparators = new Map<string, string>();
function decimalSeparator(locale: string): string {
  let separator = decimalSeparators.get(locale);
  if (separator === undefined) {
    separator = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === "decimal")?.value ??
      ".";
    decimalSeparators.set(locale, separator);
  }
  return separator;
}

// Building an Intl formatter costs far more than using one; keys are bounded by locales × currencies.
const numberFormats = new Map<string, Intl.NumberFormat>();
function cachedFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, format = new Intl.NumberFormat(locale, options));
  return format;
}

function formatPlain(minorUnits: bigint, digits: number, locale: string): string {
  return cachedFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits })
    .format(decimalLiteral(minorUnits, digits));
}

function decimalLiteral(minorUnits: bigint, digits: number): Intl.StringNumericLiteral {
  const sign = minorUnits < 0n ? "-" : "";
  const magnitude = (minorUnits < 0n ? -minorUnits : minorUnits).toString().padStart(digits + 1, "0");
  return (digits === 0
    ? sign + magnitude
    : `${sign}${magnitude.slice(0, -digits)}.${magnitude.slice(-digits)}`) as Intl.StringNumericLiteral;
}

/**
 * Formats minor units for display in `locale` with exactly the currency's ISO 4217 digits (Intl picks
 * the symbol and the separators; the digit count is ours, see ACTIVE). Exact for any size: the amount
 * reaches Intl as decimal text, never as a float.
 *
 * @example formatAmount(119000, "EUR", "de") // "1.190,00 €"
 */
export function formatAmount(minorUnits: MinorUnits, currency: string, locale: string): string {
  const code = currency.toUpperCase();
  const digits = currencyExponent(code);
  return cachedFormat(locale, {
    style: "currency",
    currency: code,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(decimalLiteral(wholeMinorUnits(minorUnits, "amount"), digits));
}

/**
 * An exchange rate as stored on a document: how many units of the target currency one unit of the
 * source currency buys, as an exact positive decimal with at most 10 decimals ("1.0834": 1 EUR =
 * 1.0834 USD). A ValidationError on `field` otherwise.
 */
export function parseExchangeRate(rate: string, field = "exchangeRate"): Ratio {
  const value = typeof rate === "string" ? parseDecimal(rate) : undefined;
  if (!value || value.n <= 0n || decimalPlaces(rate) > 10) {
    throw new ValidationError({
      [field]: "Give the exchange rate as a positive decimal with at most 10 decimals, such as 1.0834.",
    });
  }
  return value;
}

/** Checks that `rate` is a valid exchange rate and returns its shortest text ("1.08340" → "1.0834"). */
export function normalizeExchangeRate(rate: string, field = "exchangeRate"): string {
  return toDecimalText(parseExchangeRate(rate, field))!;
}

/**
 * Converts minor units of `from` into minor units of `to` at `rate` (units of `to` per unit of `from`),
 * rounding once, half away from zero, to the target's minor unit. The rate is exact decimal text, so
 * 100.00 EUR at "1.0834" is exactly 108.34 USD and 1,000 JPY at "0.0061" is exactly 6.10 EUR.
 *
 * @example convertAmount(10000, { from: "EUR", to: "USD", rate: "1.0834" }) // 10834
 */
export function convertAmount(
  minorUnits: MinorUnits,
  conversion: { from: string; to: string; rate: string },
): number {
  const rate = parseExchangeRate(conversion.rate);
  const shift = currencyExponent(conversion.to) - currencyExponent(conversion.from);
  const scale = shift >= 0 ? ratio(10n ** BigInt(shift)) : ratio(1n, 10n ** BigInt(-shift));
  const exact = mul(mul(ratio(wholeMinorUnits(minorUnits, "amount")), rate), scale);
  return safeNumber(roundHalfAwayFromZero(exact), "amount");
}

/** A money input as a BigInt; a ValidationError on `field` unless it is a whole, safe number of minor units. */
export function wholeMinorUnits(value: MinorUnits, field: string): bigint {
  if (typeof value === "bigint") return value;
  if (!Number.isSafeInteger(value)) {
    throw new ValidationError({ [field]: `Amounts are whole minor units (cents), got ${value}.` });
  }
  return BigInt(value);
}

/** A computed amount back as a number; a ValidationError on `field` past Number.MAX_SAFE_INTEGER. */
export function safeNumber(value: bigint, field: string): number {
  const result = Number(value);
  if (!Number.isSafeInteger(result)) {
    throw new ResourceValidationError({ [field]: problem("billing.error.amount_too_large") });
  }
  return result;
}

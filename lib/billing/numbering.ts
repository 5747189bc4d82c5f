/**
 * Document number formats such as `INV-{YYYY}-{0000}`: validation, formatting and parsing. Pure; taking
 * the next number of a series happens in the issuing transaction, which keys its counter on
 * `sequencePeriod`. See docs/BILLING.md ("Document numbering").
 */
import { Temporal } from "temporal-polyfill";
import { ValidationError } from "../errors.ts";

type Part =
  | { kind: "text"; text: string }
  | { kind: "year4" | "year2" | "month" | "day" }
  | { kind: "sequence"; width: number };

/** A validated format: its parts, and whether its sequence restarts at 1 each (local) year. */
export interface NumberFormat {
  format: string;
  parts: readonly Part[];
  /** True when the format shows the year ({YYYY} or {YY}): each year then has its own sequence. */
  resetsYearly: boolean;
}

export const MAX_FORMAT_LENGTH = 40;
export const MAX_SEQUENCE_WIDTH = 10;
const TOKENS: Record<string, Part["kind"]> = { YYYY: "year4", YY: "year2", MM: "month", DD: "day" };
// Numbers travel in file names, URLs, e-invoices and bank references: keep to characters that survive.
const LITERAL = /^[A-Za-z0-9\-_/.#]$/;
const HELP = "Use {YYYY}, {YY}, {MM}, {DD} and one sequence such as {0000}, e.g. INV-{YYYY}-{0000}.";

/**
 * The problem with a number format, as a sentence for the settings form, or undefined when it is
 * valid. A format has exactly one sequence placeholder `{0…0}` (its zeros are the minimum width, at
 * most 10), any of {YYYY} {YY} {MM} {DD}, and otherwise letters, digits and `- _ / . #`, up to 40
 * characters.
 *
 * @example validateNumberFormat("INV-{YYYY}-{0000}") // undefined
 * @example validateNumberFormat("INV-{YYYY}") // "The format needs a sequence placeholder such as {0000}. …"
 */
export function validateNumberFormat(format: string): string | undefined {
  try {
    parseNumberFormat(format);
    return undefined;
  } catch (error) {
    if (error instanceof ValidationError) return Object.values(error.fields)[0];
    throw error;
  }
}

/** Parses and validates a format; a ValidationError on `field` (see validateNumberFormat for the rules). */
export function parseNumberFormat(format: string, field = "numberFormat"): NumberFormat {
  const fail = (problem: string): never => {
    throw new ValidationError({ [field]: `${problem} ${HELP}` });
  };
  if (typeof format !== "string" || format.trim() === "") fail("The number format is empty.");
  if (format.length > MAX_FORMAT_LENGTH) {
    fail(`The number format is longer than ${MAX_FORMAT_LENGTH} characters.`);
  }
  const parts: Part[] = [];
  for (let at = 0; at < format.length;) {
    const char = format[at];
    if (char === "{") {
      const close = format.indexOf("}", at);
      if (close < 0) fail(`The "{" at position ${at + 1} is never closed.`);
      const token = format.slice(at + 1, close);
      if (/^0+$/.test(token)) {
        if (token.length > MAX_SEQUENCE_WIDTH) {
          fail(`A sequence is at most ${MAX_SEQUENCE_WIDTH} digits wide.`);
        }
        if (parts.some((p) => p.kind === "sequence")) {
          fail("The format has more than one sequence placeholder.");
        }
        parts.push({ kind: "sequence", width: token.length });
      } else if (Object.hasOwn(TOKENS, token)) {
        parts.push({ kind: TOKENS[token] } as Part);
      } else fail(`"{${token}}" is not a placeholder.`);
      at = close + 1;
    } else if (char === "}") {
      fail(`The "}" at position ${at + 1} closes nothing.`);
    } else {
      if (!LITERAL.test(char)) {
        fail(`"${char}" cannot appear in a document number (letters, digits and - _ / . # can).`);
      }
      const last = parts.at(-1);
      if (last?.kind === "text") last.text += char;
      else parts.push({ kind: "text", text: char });
      at += 1;
    }
  }
  if (!parts.some((p) => p.kind === "sequence")) {
    fail("The format needs a sequence placeholder such as {0000}.");
  }
  return { format, parts, resetsYearly: parts.some((p) => p.kind === "year4" || p.kind === "year2") };
}

/** A point in time (UTC): a Date, epoch milliseconds, or a Temporal.Instant. */
export type Instant = Date | number | Temporal.Instant;

export interface NumberContext {
  /** The sequence number taken for this document: a whole number from 1. */
  sequence: number;
  /** When the document is issued. */
  issuedAt: Instant;
  /** The studio's IANA time zone: dates in the number are its local dates. */
  zone: string;
}

/**
 * The document number for `sequence` issued at `issuedAt`: placeholders filled with the studio's
 * local date in `zone` (an invoice issued 2026-12-31T23:30Z in Europe/Paris is a 2027 invoice) and
 * the sequence zero-padded to its width, growing past it, never cut.
 *
 * @example formatDocumentNumber("INV-{YYYY}-{0000}", { sequence: 42, issuedAt, zone: "Europe/Paris" }) // "INV-2026-0042"
 */
export function formatDocumentNumber(format: string | NumberFormat, context: NumberContext): string {
  const parsed = typeof format === "string" ? parseNumberFormat(format) : format;
  if (!Number.isSafeInteger(context.sequence) || context.sequence < 1) {
    throw new ValidationError({
      sequence: `A sequence number is a whole number from 1, got ${context.sequence}.`,
    });
  }
  const date = localDate(context.issuedAt, context.zone);
  const pad = (value: number, width: number) => String(value).padStart(width, "0");
  return parsed.parts.map((part) => {
    switch (part.kind) {
      case "text":
        return part.text;
      case "year4":
        return pad(date.year, 4);
      case "year2":
        return pad(date.year % 100, 2);
      case "month":
        return pad(date.month, 2);
      case "day":
        return pad(date.day, 2);
      case "sequence":
        return pad(context.sequence, part.width);
    }
  }).join("");
}

/**
 * The counter a document's number is taken from: its local year when the format resets yearly, or
 * null for one sequence forever. The issuing transaction keys its counter on (series, period).
 */
export function sequencePeriod(
  format: string | NumberFormat,
  context: Omit<NumberContext, "sequence">,
): number | null {
  const parsed = typeof format === "string" ? parseNumberFormat(format) : format;
  return parsed.resetsYearly ? localDate(context.issuedAt, context.zone).year : null;
}

/** What a document number says: its sequence, and the date parts its format shows. */
export interface ParsedDocumentNumber {
  sequence: number;
  /** From {YYYY}, or 2000 + {YY}. */
  year?: number;
  month?: number;
  day?: number;
}

/**
 * Reads a document number written in `format` back into its parts, or undefined when `number` is not
 * one `formatDocumentNumber` could have produced (wrong text, an impossible month, a sequence with
 * extra leading zeros). Every format reads unambiguously: only the sequence has a variable width.
 *
 * @example parseDocumentNumber("INV-{YYYY}-{0000}", "INV-2027-0042") // { sequence: 42, year: 2027 }
 */
export function parseDocumentNumber(
  format: string | NumberFormat,
  number: string,
): ParsedDocumentNumber | undefined {
  const parsed = typeof format === "string" ? parseNumberFormat(format) : format;
  const pattern = parsed.parts.map((part) => {
    switch (part.kind) {
      case "text":
        return part.text.replace(/[.#/\\-]/g, "\\$&");
      case "year4":
        return "(\\d{4})";
      case "sequence":
        return `(\\d{${part.width},})`;
      default:
        return "(\\d{2})";
    }
  }).join("");
  const match = new RegExp(`^${pattern}$`).exec(number);
  if (!match) return undefined;
  const result: ParsedDocumentNumber = { sequence: 0 };
  let group = 1;
  let valid = true;
  for (const part of parsed.parts) {
    if (part.kind === "text") continue;
    const digits = match[group++];
    const value = Number(digits);
    const agree = (field: "year" | "month" | "day", v: number) => {
      if (result[field] !== undefined && result[field] !== v) valid = false;
      result[field] = v;
    };
    if (part.kind === "sequence") {
      // A number past its width carries no padding: "00123" is not what {0000} makes of 123.
      if (digits.length > part.width && digits.startsWith("0")) valid = false;
      result.sequence = value;
    } else if (part.kind === "year4") agree("year", value);
    else if (part.kind === "year2") agree("year", 2000 + value);
    else if (part.kind === "month") agree("month", value);
    else agree("day", value);
  }
  const { sequence, month, day } = result;
  if (sequence < 1 || !Number.isSafeInteger(sequence)) valid = false;
  if (month !== undefined && (month < 1 || month > 12)) valid = false;
  if (day !== undefined && (day < 1 || day > 31)) valid = false;
  return valid ? result : undefined;
}

function localDate(issuedAt: Instant, zone: string): Temporal.PlainDate {
  let instant: Temporal.Instant;
  try {
    instant = issuedAt instanceof Temporal.Instant
      ? issuedAt
      : Temporal.Instant.fromEpochMilliseconds(issuedAt instanceof Date ? issuedAt.getTime() : issuedAt);
  } catch {
    throw new ValidationError({ issuedAt: "The issue date is not a valid point in time." });
  }
  let zoned: Temporal.ZonedDateTime;
  try {
    zoned = instant.toZonedDateTimeISO(zone);
  } catch {
    throw new ValidationError({ zone: `"${zone}" is not an IANA time zone, such as Europe/Paris.` });
  }
  return zoned.toPlainDate();
}

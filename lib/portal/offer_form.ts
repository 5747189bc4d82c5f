/**
 * The offer form of /app/settings/offers, without JavaScript: fixed rows of lengths and of
 * cancellation windows (blank rows are ignored), prices typed in the reader's format, the deposit
 * percentage as typed ("12,5"). Turns what was typed into an OfferInput and puts every problem,
 * from typing or from the rules (lib/portal/offers.ts), beside the field it is about.
 */
import type { CancellationOutcome } from "../../db/schema/portal.ts";
import { parseAmount } from "../billing/currency.ts";
import { amountText } from "../billing/document_form.ts";
import { ValidationError } from "../errors.ts";
import { MAX_DURATIONS, type Offer, type OfferInput, offerInputErrors } from "./offers.ts";
import { type BookingPolicy, DEFAULT_POLICY, MAX_WINDOWS } from "./policy.ts";

/** Rows the form always shows; an offer with more shows them all plus none. */
export const DURATION_ROWS = 4;
export const WINDOW_ROWS = 4;

export const DEPOSIT_RULES = ["greater", "percent", "flat", "none"] as const;
export const OUTCOMES: readonly CancellationOutcome[] = ["full_refund", "deposit_kept", "full_charge"];

export interface OfferFormValues {
  name: string;
  description: string;
  roomIds: string[];
  engineerId: string;
  requiresApproval: boolean;
  position: string;
  durations: { minutes: string; price: string }[];
  depositRule: string;
  /** Percent as typed: "30", "12,5". */
  depositPercent: string;
  depositFlat: string;
  windows: { hours: string; outcome: string }[];
  maxTransfers: string;
  rescheduleMinHours: string;
}

/** Where amounts are read and written: the offer's currency and the reader's locale. */
export interface FormMoney {
  currency: string;
  locale: string;
}

function padded<T>(rows: T[], min: number, max: number, blank: () => T): T[] {
  const count = Math.min(max, Math.max(min, rows.length));
  return Array.from({ length: count }, (_, i) => rows[i] ?? blank());
}

const percentText = (bp: number, locale: string) =>
  String(bp / 100).replace(".", locale.startsWith("fr") ? "," : ".");

/** The form for an offer being edited, or for a new one (the studio's default policy). */
export function offerFormValues(offer: Offer | null, money: FormMoney): OfferFormValues {
  const policy: BookingPolicy = offer?.policy ?? DEFAULT_POLICY;
  const amount = (n: number) => amountText(n, money.currency, money.locale);
  return {
    name: offer?.name ?? "",
    description: offer?.description ?? "",
    roomIds: offer?.roomIds ?? [],
    engineerId: offer?.engineerId ?? "",
    requiresApproval: offer?.requiresApproval ?? false,
    position: String(offer?.position ?? 0),
    durations: padded(
      (offer?.durations ?? []).map((d) => ({ minutes: String(d.minutes), price: amount(d.price) })),
      DURATION_ROWS,
      MAX_DURATIONS,
      () => ({ minutes: "", price: "" }),
    ),
    depositRule: policy.deposit.rule,
    depositPercent: percentText(policy.deposit.percentBp, money.locale),
    depositFlat: amount(policy.deposit.flatAmount),
    windows: padded(
      policy.cancellation.map((w) => ({ hours: String(w.minHoursBefore), outcome: w.outcome })),
      WINDOW_ROWS,
      MAX_WINDOWS,
      () => ({ hours: "", outcome: "" }),
    ),
    maxTransfers: String(policy.maxTransfers),
    rescheduleMinHours: String(policy.rescheduleMinHours),
  };
}

/** What the form posted, as typed. */
export function readOfferForm(form: FormData): OfferFormValues {
  const text = (name: string) => String(form.get(name) ?? "").trim();
  const rows = (prefix: string, max: number) => {
    let count = 0;
    while (count < max && form.has(`${prefix}.${count}.${prefix === "durations" ? "minutes" : "hours"}`)) {
      count++;
    }
    return count;
  };
  return {
    name: text("name"),
    description: text("description"),
    roomIds: form.getAll("roomIds").map(String).filter(Boolean),
    engineerId: text("engineerId"),
    requiresApproval: form.get("requiresApproval") === "1",
    position: text("position"),
    durations: padded(
      Array.from(
        { length: rows("durations", MAX_DURATIONS) },
        (_, i) => ({ minutes: text(`durations.${i}.minutes`), price: text(`durations.${i}.price`) }),
      ),
      DURATION_ROWS,
      MAX_DURATIONS,
      () => ({ minutes: "", price: "" }),
    ),
    depositRule: text("depositRule"),
    depositPercent: text("depositPercent"),
    depositFlat: text("depositFlat"),
    windows: padded(
      Array.from(
        { length: rows("windows", MAX_WINDOWS) },
        (_, i) => ({ hours: text(`windows.${i}.hours`), outcome: text(`windows.${i}.outcome`) }),
      ),
      WINDOW_ROWS,
      MAX_WINDOWS,
      () => ({ hours: "", outcome: "" }),
    ),
    maxTransfers: text("maxTransfers"),
    rescheduleMinHours: text("rescheduleMinHours"),
  };
}

/** A typed whole number, NaN when it is not one (the rules then say what is expected), undefined when blank. */
function wholeNumber(text: string): number | undefined {
  if (text === "") return undefined;
  return /^-?\d+$/.test(text) ? Number(text) : NaN;
}

/** "30" → 3000, "12,5" → 1250 basis points; null when it is not a percentage with at most two decimals. */
export function percentToBp(text: string): number | null {
  const match = /^(\d{1,5})(?:[.,](\d{1,2}))?$/.exec(text.replace(/\s|%/g, ""));
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

export interface ParsedOfferForm {
  input: OfferInput;
  /** Problems found while reading the typed text, by form field name. */
  errors: Record<string, string>;
  /** The form row of each length and window kept, so rule errors land on the right row. */
  durationRows: number[];
  windowRows: number[];
}

/** The OfferInput the form stands for; typing problems (amounts, percentages) are in `errors`. */
export function offerInputFromForm(values: OfferFormValues, money: FormMoney): ParsedOfferForm {
  const errors: Record<string, string> = {};
  const amount = (text: string, field: string): number => {
    try {
      return parseAmount(text, money.currency, { locale: money.locale, field });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      Object.assign(errors, err.fields);
      return 0;
    }
  };
  const durationRows: number[] = [];
  const durations = values.durations.flatMap((row, i) => {
    if (row.minutes === "" && row.price === "") return [];
    durationRows.push(i);
    return [{
      minutes: wholeNumber(row.minutes) as number,
      price: amount(row.price, `durations.${i}.price`),
    }];
  });
  const windowRows: number[] = [];
  const cancellation = values.windows.flatMap((row, i) => {
    if (row.hours === "") return [];
    windowRows.push(i);
    return [{
      minHoursBefore: wholeNumber(row.hours) as number,
      outcome: row.outcome as CancellationOutcome,
    }];
  });
  const rule = values.depositRule as BookingPolicy["deposit"]["rule"];
  const usesPercent = rule === "percent" || rule === "greater";
  const usesFlat = rule === "flat" || rule === "greater";
  let percentBp = 0;
  if (usesPercent || values.depositPercent !== "") {
    const bp = percentToBp(values.depositPercent);
    if (bp === null) errors.depositPercent = "Enter a percentage such as 30 or 12.5.";
    else percentBp = bp;
  }
  const flatAmount = usesFlat && rule === "greater" && values.depositFlat === ""
    ? 0
    : usesFlat || values.depositFlat !== ""
    ? amount(values.depositFlat, "depositFlat")
    : 0;
  const input: OfferInput = {
    name: values.name,
    description: values.description,
    roomIds: values.roomIds,
    engineerId: values.engineerId,
    requiresApproval: values.requiresApproval,
    position: wholeNumber(values.position) ?? 0,
    durations,
    policy: {
      deposit: { rule, percentBp, flatAmount },
      cancellation,
      maxTransfers: wholeNumber(values.maxTransfers) as number,
      rescheduleMinHours: wholeNumber(values.rescheduleMinHours) as number,
    },
  };
  return { input, errors, durationRows, windowRows };
}

/** The rules' field names ("policy.cancellation.1.outcome") as the form's ("windows.2.outcome"). */
export function errorsOnForm(
  fields: Record<string, string>,
  parsed: Pick<ParsedOfferForm, "durationRows" | "windowRows">,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(fields)) {
    out[formField(path, parsed)] ??= message;
  }
  return out;
}

const POLICY_FIELDS: Record<string, string> = {
  "policy.deposit.rule": "depositRule",
  "policy.deposit.percentBp": "depositPercent",
  "policy.deposit.flatAmount": "depositFlat",
  "policy.cancellation": "windows",
  "policy.maxTransfers": "maxTransfers",
  "policy.rescheduleMinHours": "rescheduleMinHours",
};

function formField(path: string, parsed: Pick<ParsedOfferForm, "durationRows" | "windowRows">): string {
  if (POLICY_FIELDS[path]) return POLICY_FIELDS[path];
  const duration = /^durations\.(\d+)\.(minutes|price)$/.exec(path);
  if (duration) return `durations.${parsed.durationRows[Number(duration[1])] ?? 0}.${duration[2]}`;
  const window = /^policy\.cancellation\.(\d+)\.(minHoursBefore|outcome)$/.exec(path);
  if (window) {
    const row = parsed.windowRows[Number(window[1])] ?? 0;
    return `windows.${row}.${window[2] === "outcome" ? "outcome" : "hours"}`;
  }
  if (path.startsWith("durations")) return "durations";
  if (path.startsWith("roomIds")) return "roomIds";
  return path;
}

/**
 * Saves what the form posted with `save` (createOffer or updateOffer), or returns every problem by
 * form field: typing problems and rule problems together, so one round trip shows them all.
 */
export async function saveOfferForm(
  values: OfferFormValues,
  money: FormMoney,
  save: (input: OfferInput) => Promise<Offer>,
): Promise<{ offer: Offer; errors?: undefined } | { offer?: undefined; errors: Record<string, string> }> {
  const parsed = offerInputFromForm(values, money);
  if (Object.keys(parsed.errors).length > 0) {
    return { errors: { ...errorsOnForm(offerInputErrors(parsed.input), parsed), ...parsed.errors } };
  }
  try {
    return { offer: await save(parsed.input) };
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    return { errors: errorsOnForm(err.fields, parsed) };
  }
}

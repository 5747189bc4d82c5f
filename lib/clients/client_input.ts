import { z } from "zod";
import { isActiveCurrency } from "../billing/currency.ts";
import { ValidationError } from "../errors.ts";
import { createTranslator, type MessageId, type MessageParams, SUPPORTED_LOCALES } from "../i18n/mod.ts";
import { en } from "../i18n/messages/en.ts";
import { fieldMessages } from "../validation_messages.ts";

// Every issue message in these schemas is a MessageId, so pages show field errors in the reader's
// language (localizedFieldErrors) while ValidationError.fields, which the API answers with, are English.

export const CLIENT_KINDS = ["person", "band", "company"] as const;

export const MAX_NAME = 200;
export const MAX_TEXT = 200;
export const MAX_EMAIL = 254;
export const MAX_PHONE = 40;
export const MAX_TAX_ID = 64;
export const MAX_TAG = 40;
export const MAX_TAGS = 20;
export const MAX_EXTRA = 10;
export const MAX_CONTACTS = 50;
export const MAX_NOTE = 10_000;

/** A zod issue message: a MessageId. `{max}` comes from the check's bound, other params from `params`. */
const problem = (id: MessageId): string => id;

const TOO_LONG = problem("clients.error.too_long");

// Something a person could type as an address: one @, a dot in the domain, no spaces.
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
// Digits with the usual separators and an optional leading +.
const PHONE = /^\+?[\d\s().\/-]+$/;

const regionNames = new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });

const isEmail = (value: string) => value.length <= MAX_EMAIL && EMAIL.test(value);
const isPhone = (value: string) =>
  value.length <= MAX_PHONE && PHONE.test(value) && value.replace(/\D/g, "").length >= 5;
const isLocale = (value: string) => (SUPPORTED_LOCALES as readonly string[]).includes(value);
const isTag = (value: string) => value.length <= MAX_TAG && !/[,;\n]/.test(value);

// Region codes with names that are not countries a client can be in.
const NOT_COUNTRIES = new Set(["EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"]);

/** A code for a country in use: retired codes (FX, UK, DD) stand for another and are not offered. */
export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && !NOT_COUNTRIES.has(code) && canonicalRegion(code) === code &&
    regionNames.of(code) !== undefined;
}

/** "uk" → "GB", "fx" → "FR": the code a retired or lowercase one stands for today. */
export function canonicalRegion(code: string): string {
  const upper = code.toUpperCase();
  if (!/^[A-Z]{2}$/.test(upper)) return upper;
  return new Intl.Locale(`und-${upper}`).region ?? upper;
}

/** Trimmed text; empty becomes null, so a cleared field clears the column. */
const optionalText = (max: number) =>
  z.string({ error: problem("clients.error.invalid") }).trim().max(max, TOO_LONG)
    .nullish().transform((value) => value || null);

/** Like optionalText, but a non-empty value must pass `test` (after `normalize`). */
const optionalMatching = (
  max: number,
  test: (value: string) => boolean,
  id: MessageId,
  normalize: (value: string) => string = (value) => value,
) =>
  z.string({ error: problem(id) }).trim().max(max, TOO_LONG).transform(normalize)
    .refine((value) => value === "" || test(value), problem(id))
    .nullish().transform((value) => value || null);

/**
 * A list of e-mails, phones or tags; blanks dropped, repeats (ignoring case) kept once. Problems are
 * reported on the list itself, naming the bad entry, since forms edit a list as one field.
 */
const list = (test: (value: string) => boolean, id: MessageId, max: number) =>
  z.array(z.string({ error: problem("clients.error.invalid") }), { error: problem("clients.error.invalid") })
    .transform((values) => uniqueIgnoringCase(values.map((v) => v.trim()).filter(Boolean)))
    .superRefine((values, ctx) => {
      const bad = values.find((value) => !test(value));
      if (bad !== undefined) ctx.addIssue({ code: "custom", message: problem(id), params: { value: bad } });
      else if (values.length > max) {
        ctx.addIssue({ code: "custom", message: problem("clients.error.too_many"), params: { max } });
      }
    })
    .default([]);

/** One person at a client. `id` names an existing contact being edited; without it one is added. */
export const contactInputSchema = z.object({
  id: z.string().trim().min(1).max(64).optional(),
  name: z.string({ error: problem("clients.error.contact_name") }).trim()
    .min(1, problem("clients.error.contact_name"))
    .max(MAX_NAME, TOO_LONG),
  role: optionalText(MAX_TEXT),
  email: optionalMatching(MAX_EMAIL, isEmail, "clients.error.email"),
  phone: optionalMatching(MAX_PHONE, isPhone, "clients.error.phone"),
});

/**
 * A client as staff, the CSV import and the API give it. Absent optional fields are null (cleared);
 * lists default to empty.
 */
export const clientInputSchema = z.object({
  kind: z.enum(CLIENT_KINDS, { error: problem("clients.error.kind") }),
  name: z.string({ error: problem("clients.error.name_required") }).trim()
    .min(1, problem("clients.error.name_required"))
    .max(MAX_NAME, TOO_LONG),
  artistName: optionalText(MAX_NAME),
  email: optionalMatching(MAX_EMAIL, isEmail, "clients.error.email"),
  phone: optionalMatching(MAX_PHONE, isPhone, "clients.error.phone"),
  extraEmails: list(isEmail, "clients.error.email_in_list", MAX_EXTRA),
  extraPhones: list(isPhone, "clients.error.phone_in_list", MAX_EXTRA),
  addressLine1: optionalText(MAX_TEXT),
  addressLine2: optionalText(MAX_TEXT),
  postalCode: optionalText(32),
  city: optionalText(MAX_TEXT),
  region: optionalText(MAX_TEXT),
  country: optionalMatching(64, isCountryCode, "clients.error.country", canonicalRegion),
  taxId: optionalText(MAX_TAX_ID),
  locale: optionalMatching(64, isLocale, "clients.error.locale", (v) => v.toLowerCase()),
  // Only codes in use: documents for the client are issued in it (lib/billing/currency.ts).
  currency: optionalMatching(64, isActiveCurrency, "clients.error.currency", (v) => v.toUpperCase()),
  tags: list(isTag, "clients.error.tag", MAX_TAGS),
  contacts: z.array(contactInputSchema, { error: problem("clients.error.invalid") })
    .max(MAX_CONTACTS, problem("clients.error.too_many"))
    .default([]),
});

export type ClientInput = z.input<typeof clientInputSchema>;
export type ClientData = z.output<typeof clientInputSchema>;
export type ContactInput = z.input<typeof contactInputSchema>;
export type ContactData = z.output<typeof contactInputSchema>;

/** A note added to a client's history. */
export const noteInputSchema = z.object({
  body: z.string({ error: problem("clients.error.note_required") }).trim()
    .min(1, problem("clients.error.note_required"))
    .max(MAX_NOTE, TOO_LONG),
});

export type NoteInput = z.input<typeof noteInputSchema>;

/** The client list's query: search text, a tag, archived or current clients, a page. */
export const clientSearchSchema = z.object({
  // Overlong text is cut rather than refused: a search box should never answer with an error page.
  q: z.string().trim().transform((q) => q.slice(0, 200)).default(""),
  tag: z.string().trim().transform((tag) => tag.slice(0, MAX_TAG)).default(""),
  archived: z.boolean().default(false),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export type ClientSearchInput = z.input<typeof clientSearchSchema>;
export type ClientSearch = z.output<typeof clientSearchSchema>;

/** A field's problem as a message id and its parameters, translated where it is shown. */
export interface FieldProblem {
  id: MessageId;
  params?: MessageParams;
}

const english = createTranslator("en").t;

/**
 * A ValidationError that also keeps each field's message id: `fields` (English) is what the API
 * answers with; pages translate `problems` for the reader.
 */
export class ClientInputError extends ValidationError {
  constructor(readonly problems: Record<string, FieldProblem>) {
    super(Object.fromEntries(Object.entries(problems).map(([field, p]) => [field, english(p.id, p.params)])));
    this.name = "ClientInputError";
  }
}

/**
 * Zod issues as field → problem, dotted paths ("contacts.0.email"), the first issue per field. An
 * issue in zod's own words (a number where the API expects text) becomes "invalid".
 */
export function problemsOf(error: z.ZodError): Record<string, FieldProblem> {
  const problems: Record<string, FieldProblem> = {};
  for (const issue of error.issues) {
    const field = issue.path.join(".") || "form";
    if (problems[field]) continue;
    if (!Object.hasOwn(en, issue.message)) {
      problems[field] = { id: "clients.error.invalid" };
      continue;
    }
    const params: Record<string, string | number> = {};
    const details = issue as { maximum?: unknown; params?: Record<string, unknown> };
    if (typeof details.maximum === "number" || typeof details.maximum === "bigint") {
      params.max = Number(details.maximum);
    }
    for (const [key, value] of Object.entries(details.params ?? {})) {
      if (typeof value === "string" || typeof value === "number") params[key] = value;
    }
    problems[field] = { id: issue.message as MessageId, params };
  }
  return problems;
}

/** Parses with one of the schemas above, or throws a ClientInputError naming each bad field. */
export function parseClientSchema<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ClientInputError(problemsOf(parsed.error));
  return parsed.data;
}

/**
 * A rejected form's messages in the reader's language: problems when known (ClientInputError, or the
 * shared catalogue problems of lib/validation_messages.ts), else the English text.
 */
export function localizedFieldErrors(
  err: ValidationError,
  t: (id: MessageId, params?: MessageParams) => string,
): Record<string, string> {
  if (!(err instanceof ClientInputError)) return fieldMessages(err, t);
  return Object.fromEntries(Object.entries(err.problems).map(([field, p]) => [field, t(p.id, p.params)]));
}

function uniqueIgnoringCase(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = value.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

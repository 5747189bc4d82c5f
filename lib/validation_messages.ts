/**
 * Validation messages as catalogue entries, shared by every domain (rooms, engineers, gear, sign-up,
 * billing documents, payments, clients): a zod check says `say("area.error.what")`, parsing turns each
 * issue into a {@link Problem} (message id + params + English text), and a page shows
 * {@link fieldMessages} in the reader's language while the API's problem JSON keeps the English text.
 * `parseInput` in lib/validation.ts understands these ids too, so any schema may use them.
 */
import type { z } from "zod";
import { ConflictError, ValidationError } from "./errors.ts";
import { createTranslator, type MessageId, type MessageParams, type Translator } from "./i18n/mod.ts";
import { en } from "./i18n/messages/en.ts";

/**
 * A field's problem as a catalogue message, so each page shows it in the reader's language while the
 * API (and logs) read the English text. `text` is the English rendering; problems zod reports in its
 * own words (a number sent as a string to the API) have only `text`.
 */
export interface Problem {
  id?: MessageId;
  params?: MessageParams;
  text: string;
}

// Looked up on use: lib/billing/currency.ts raises problems and sits in the translator's own import cycle.
const english: Translator["t"] = (id, params) => createTranslator("en").t(id, params);

/** A problem from a catalogue message. */
export function problem(id: MessageId, params?: MessageParams): Problem {
  return { id, params, text: english(id, params) };
}

/**
 * A ValidationError whose messages are catalogue entries: `fields` holds them in English (problem JSON),
 * `problems` keeps the ids for {@link fieldMessages}.
 */
export class ResourceValidationError extends ValidationError {
  constructor(readonly problems: Record<string, Problem>) {
    super(Object.fromEntries(Object.entries(problems).map(([field, p]) => [field, p.text])));
  }
}

/** A ConflictError (409) whose message is a catalogue entry: a deletion refused while bookings use the record. */
export class ResourceConflictError extends ConflictError {
  constructor(readonly problem: Problem) {
    super(problem.text);
  }
}

/** An error's message in the reader's language when it comes from the catalogue. */
export function errorMessage(err: Error, t: Translator["t"]): string {
  return err instanceof ResourceConflictError && err.problem.id
    ? t(err.problem.id, err.problem.params)
    : err.message;
}

/** A ValidationError's messages in the reader's language, by field. */
export function fieldMessages(err: ValidationError, t: Translator["t"]): Record<string, string> {
  if (!(err instanceof ResourceValidationError)) return { ...err.fields };
  return Object.fromEntries(
    Object.entries(err.problems).map(([field, p]) => [field, p.id ? t(p.id, p.params) : p.text]),
  );
}

/**
 * A message id for a zod check, e.g. `z.string().min(1, say("resources.error.name_required"))`.
 * {@link parseResource} turns it back into a translatable problem; `{min}` and `{max}` in the message
 * are filled from the check's bounds.
 */
export function say(id: MessageId): string {
  return id;
}

function isMessageId(text: string): text is MessageId {
  return Object.hasOwn(en, text);
}

/** Zod issues as problems by dotted field path, the first issue of each field winning. */
export function problemsOf(error: z.ZodError): Record<string, Problem> {
  const problems: Record<string, Problem> = {};
  for (const issue of error.issues) {
    const field = issue.path.join(".") || "form";
    if (problems[field]) continue;
    if (!isMessageId(issue.message)) {
      problems[field] = { text: issue.message };
      continue;
    }
    const params: Record<string, string | number> = {};
    const bounds = issue as { minimum?: unknown; maximum?: unknown; params?: Record<string, unknown> };
    if (typeof bounds.minimum === "number" || typeof bounds.minimum === "bigint") {
      params.min = Number(bounds.minimum);
    }
    if (typeof bounds.maximum === "number" || typeof bounds.maximum === "bigint") {
      params.max = Number(bounds.maximum);
    }
    for (const [key, value] of Object.entries(bounds.params ?? {})) {
      if (typeof value === "string" || typeof value === "number") params[key] = value;
    }
    problems[field] = problem(issue.message, params);
  }
  return problems;
}

/** Parses `input` with `schema`, or throws a ResourceValidationError naming each bad field. */
export function parseResource<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ResourceValidationError(problemsOf(parsed.error));
  return parsed.data;
}

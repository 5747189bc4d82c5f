import type { z } from "zod";
import { problemsOf, ResourceValidationError } from "./validation_messages.ts";

/**
 * Zod issues as a ValidationError's field → message map; nested paths are dotted ("blocks.0.end").
 * Checks that `say` a catalogue message id read as its English text here.
 */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  return Object.fromEntries(Object.entries(problemsOf(error)).map(([field, p]) => [field, p.text]));
}

/**
 * Parses `input` with `schema`, or throws a ValidationError naming each bad field — which pages
 * show beside the fields (`fieldMessages` in lib/validation_messages.ts: in the reader's language when
 * the schema `say`s catalogue ids) and the API answers as 422 problem JSON (English).
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ResourceValidationError(problemsOf(parsed.error));
  return parsed.data;
}

import type { z } from "zod";
import { ValidationError } from "./errors.ts";

/** Zod issues as a ValidationError's field → message map; nested paths are dotted ("blocks.0.end"). */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) fields[issue.path.join(".") || "form"] ??= issue.message;
  return fields;
}

/**
 * Parses `input` with `schema`, or throws a ValidationError naming each bad field — which pages
 * show beside the fields and the API answers as 422 problem JSON.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error));
  return parsed.data;
}

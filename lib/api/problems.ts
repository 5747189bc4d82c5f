import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { ValidationError } from "../errors.ts";
import { HttpError } from "../fw/http_error.ts";
import { fieldErrors } from "../validation.ts";

/**
 * The RFC 9457 problem document every API error answers with (lib/http/error_handler.ts writes it;
 * this schema only describes it in the OpenAPI document).
 */
export const ProblemSchema = z.object({
  type: z.string().openapi({
    description: "A URI reference naming the kind of problem: /problems/<slug>, or about:blank.",
    example: "/problems/forbidden",
  }),
  title: z.string().openapi({ description: "A short summary of the kind, in the request's language." }),
  status: z.number().int().openapi({ example: 403 }),
  detail: z.string().optional().openapi({ description: "What went wrong this time (4xx only)." }),
  instance: z.string().optional().openapi({
    description: "The request id, to quote to support.",
    example: "urn:request:0b7d3f4e-8c1a-4c2e-9f0e-2d4b6a8c0e1f",
  }),
  errors: z.array(z.object({ field: z.string(), detail: z.string() })).optional().openapi({
    description: "With /problems/validation: each invalid field and what is wrong with it.",
  }),
  retryAfter: z.number().int().optional().openapi({
    description: "With /problems/rate-limited: seconds until the next request is accepted.",
  }),
}).openapi("Problem");

export const PROBLEM_MEDIA_TYPE = "application/problem+json";

/** A documented error response of `description`, with the Problem body. */
export function problemResponse(description: string) {
  return { description, content: { [PROBLEM_MEDIA_TYPE]: { schema: ProblemSchema } } };
}

/**
 * The OpenAPIHono validation hook: a zod failure on the path, query or body becomes a
 * ValidationError (422, each field listed), never the library's default 400.
 */
export function validationHook(
  result: { success: true } | { success: false; error: z.ZodError },
  _c: Context,
): void {
  if (!result.success) throw new ValidationError(fieldErrors(result.error));
}

/**
 * The errors Hono's validators throw as HTTPException, in our terms, so the app's one error handler
 * can answer them: an unreadable body is a field error like any other, so clients get one shape.
 */
export function fromHttpException(err: Error): Error {
  if (!(err instanceof HTTPException)) return err;
  if (err.status === 415) {
    return new ValidationError({ body: "Send the body as JSON, with Content-Type: application/json." });
  }
  if (err.status === 400 && /malformed json/i.test(err.message)) {
    return new ValidationError({ body: "The body is not valid JSON." });
  }
  return new HttpError(err.status, err.message, { cause: err });
}

import type { Context } from "hono";
import type { ErrorPages } from "../fw/app.ts";
import { HttpError, MethodNotAllowedError } from "../fw/http_error.ts";
import { DomainError, RateLimitedError, StudioUnavailableError } from "../errors.ts";
import { createTranslator, type Locale, type MessageId, negotiateLocale } from "../i18n/mod.ts";
import { log } from "./logger.ts";
import { problemResponse } from "./problem.ts";

const TITLES: Record<number, MessageId> = {
  401: "error.unauthorized.title",
  403: "error.forbidden.title",
  404: "error.not_found.title",
  405: "error.method_not_allowed.title",
  409: "error.conflict.title",
  422: "error.validation.title",
  429: "error.rate_limited.title",
};

/** Whether a request is for the JSON API, which always answers problem JSON. */
export const isApiPath = (path: string): boolean => path === "/api" || path.startsWith("/api/");

/**
 * The one place errors become responses: RFC 9457 problem JSON for the API, the studio's
 * error pages otherwise. Unexpected errors are logged with their stack and shown to the user
 * only as a generic message with the request id.
 */
export function errorHandler(pages: ErrorPages, defaultLocale: Locale) {
  return (err: Error, c: Context): Response => {
    const status = err instanceof HttpError ? err.status : 500;
    const requestId = c.get("requestId") as string | undefined;
    // A DomainError is an expected answer (a studio being set up is a 503), not a fault.
    if (status >= 500 && !(err instanceof DomainError)) {
      log.error("unhandled error", { requestId, path: c.req.path, error: err });
    }
    const headers: Record<string, string> = {};
    if (err instanceof RateLimitedError) headers["Retry-After"] = String(err.retryAfterSeconds);
    if (err instanceof StudioUnavailableError && err.reason === "provisioning") headers["Retry-After"] = "5";
    if (err instanceof MethodNotAllowedError) headers["Allow"] = err.allow.join(", ");

    if (isApiPath(c.req.path)) {
      const t =
        createTranslator(negotiateLocale({ acceptLanguage: c.req.header("accept-language") }, defaultLocale))
          .t;
      const exposed = status < 500 && err instanceof HttpError;
      return problemResponse({
        type: err instanceof DomainError ? `/problems/${err.type}` : "about:blank",
        title: t(TITLES[status] ?? "error.server.title"),
        status,
        ...(exposed ? { detail: err.message } : {}),
        ...(requestId ? { instance: `urn:request:${requestId}` } : {}),
        ...(err instanceof DomainError ? err.extensions() : {}),
      }, headers);
    }
    const response = pages.render(c, status, err);
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  };
}

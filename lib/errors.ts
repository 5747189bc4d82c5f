import { HttpError } from "./fw/http_error.ts";

/**
 * Typed domain errors. Domain modules throw these; one middleware (lib/http/error_handler.ts)
 * turns them into an error page, form errors, or RFC 9457 problem JSON.
 */
export abstract class DomainError extends HttpError {
  /** A short slug for the problem type URI, e.g. "conflict" → /problems/conflict. */
  abstract readonly type: string;
  /** Extra members for the problem document. */
  extensions(): Record<string, unknown> {
    return {};
  }
}

/** Input that breaks a rule; `fields` maps field names to messages shown beside them. */
export class ValidationError extends DomainError {
  readonly type = "validation";
  constructor(readonly fields: Record<string, string>, message = "The request has invalid fields.") {
    super(422, message);
    this.name = "ValidationError";
  }
  override extensions() {
    return { errors: Object.entries(this.fields).map(([field, detail]) => ({ field, detail })) };
  }
}

export class NotFoundError extends DomainError {
  readonly type = "not-found";
  constructor(message = "Not found.") {
    super(404, message);
    this.name = "NotFoundError";
  }
}

/** The change collides with existing state (a booked slot, a used slug); `conflicts` says with what. */
export class ConflictError extends DomainError {
  readonly type = "conflict";
  constructor(message: string, readonly conflicts: Record<string, unknown>[] = []) {
    super(409, message);
    this.name = "ConflictError";
  }
  override extensions() {
    return this.conflicts.length ? { conflicts: this.conflicts } : {};
  }
}

export class UnauthorizedError extends DomainError {
  readonly type = "unauthorized";
  constructor(message = "Sign in to continue.") {
    super(401, message);
    this.name = "UnauthorizedError";
  }
}

export class ForbiddenError extends DomainError {
  readonly type = "forbidden";
  constructor(message = "You do not have permission to do this.") {
    super(403, message);
    this.name = "ForbiddenError";
  }
}

export class RateLimitedError extends DomainError {
  readonly type = "rate-limited";
  constructor(readonly retryAfterSeconds: number, message = "Too many requests.") {
    super(429, message);
    this.name = "RateLimitedError";
  }
  override extensions() {
    return { retryAfter: this.retryAfterSeconds };
  }
}

export type StudioUnavailableReason = "unknown" | "suspended" | "provisioning";

/**
 * The address names no studio we can serve: none by that name (404), suspended (403), or still
 * being set up (503, retry shortly). Shown as a page that says which, never as a crash.
 */
export class StudioUnavailableError extends DomainError {
  readonly type = "studio-unavailable";
  constructor(readonly reason: StudioUnavailableReason) {
    super(
      reason === "unknown" ? 404 : reason === "suspended" ? 403 : 503,
      reason === "unknown"
        ? "No studio is reachable at this address."
        : reason === "suspended"
        ? "This studio is suspended."
        : "This studio is being set up.",
    );
    this.name = "StudioUnavailableError";
  }
  override extensions() {
    return { reason: this.reason };
  }
}

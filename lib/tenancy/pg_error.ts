import { DrizzleQueryError } from "drizzle-orm/errors";

/** What a Postgres error says, whichever driver raised it (postgres-js, PGlite, Neon). */
export interface PgErrorInfo {
  /** SQLSTATE, e.g. "23P01" exclusion violation, "23505" unique violation. */
  code: string;
  constraint?: string;
  detail?: string;
}

/**
 * The Postgres error inside `err`, or undefined when it is not one. Drizzle wraps driver errors in
 * DrizzleQueryError; postgres-js names the constraint `constraint_name`, PGlite and Neon `constraint`.
 */
export function pgError(err: unknown): PgErrorInfo | undefined {
  const inner = err instanceof DrizzleQueryError ? err.cause : err;
  if (!inner || typeof inner !== "object" || !("code" in inner)) return undefined;
  const fields = inner as {
    code: unknown;
    constraint?: unknown;
    constraint_name?: unknown;
    detail?: unknown;
  };
  if (typeof fields.code !== "string" || !/^[0-9A-Z]{5}$/.test(fields.code)) return undefined;
  const constraint = fields.constraint ?? fields.constraint_name;
  return {
    code: fields.code,
    constraint: typeof constraint === "string" ? constraint : undefined,
    detail: typeof fields.detail === "string" ? fields.detail : undefined,
  };
}

export const EXCLUSION_VIOLATION = "23P01";
export const UNIQUE_VIOLATION = "23505";
export const FOREIGN_KEY_VIOLATION = "23503";
export const DEADLOCK_DETECTED = "40P01";

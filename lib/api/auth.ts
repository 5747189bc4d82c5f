import type { Context, MiddlewareHandler } from "hono";
import type { ActingAs } from "../audit/audit.ts";
import { type Permission, requirePermission } from "../auth/permissions.ts";
import { needsTwoFactorSetup } from "../auth/require_two_factor.ts";
import { ForbiddenError, RateLimitedError, StudioUnavailableError, UnauthorizedError } from "../errors.ts";
import { clientIp } from "../http/client_ip.ts";
import type { AppDeps } from "../http/deps.ts";
import type { StaffContext } from "../http/staff_session.ts";
import type { StudioContext } from "../http/studio.ts";
import { authenticateApiKey } from "../kv/api_keys.ts";
import { hitRateLimit, type RateLimitRule } from "../kv/rate_limits.ts";
import type { Role } from "../kv/staff.ts";

/** Who is calling the API: a staff member through their session cookie, or an API key. */
export interface ApiActor {
  type: "staff" | "api_key";
  /** The staff id (`u_…`) or the key id (`key_…`). */
  id: string;
  /** The person's e-mail or the key's name, as the audit log shows it. */
  label: string;
  /** Whose permissions apply: the member's role in this studio, or the key's. */
  role: Role;
}

/** The Hono variables the API reads: the app's (lib/app.ts) plus the caller. */
export type ApiEnv = {
  Variables: {
    requestId: string;
    deps: AppDeps;
    studio?: StudioContext;
    staff?: StaffContext;
    apiActor?: ApiActor;
    /** Set when the credentials sent were refused, for the WWW-Authenticate challenge (RFC 6750 §3). */
    apiAuthError?: "invalid_token";
  };
};

/**
 * Requests per caller (key or staff member) per minute, at the default API_RATE_LIMIT_PER_MINUTE.
 * Fixed windows in KV, so every instance counts together; generous for integrations, and a runaway
 * script stops within the minute.
 */
export const API_RATE_LIMIT: RateLimitRule = { name: "api", limit: 600, windowMs: 60_000 };

const BEARER = /^Bearer +(\S+)$/i;

/**
 * The outermost step of /api/v1: the API exists only at a studio's address, and every 401 carries a
 * Bearer challenge, however it was raised.
 */
export function apiBoundary(): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    if (!c.get("studio")) throw new StudioUnavailableError("unknown");
    await next();
    if (c.res.status === 401) {
      const error = c.get("apiAuthError");
      c.res.headers.set("WWW-Authenticate", `Bearer realm="api"${error ? `, error="${error}"` : ""}`);
    }
  };
}

/**
 * Identifies the caller: `Authorization: Bearer rsm_…` (a key of this studio, active), else the
 * staff session cookie (loadStaffSession has already bound it to this studio). A header that is
 * sent is decisive: a bad key is a 401 even with a good cookie beside it. Then counts the request
 * against the caller's rate limit.
 */
export function authenticate(): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const { kv, config } = c.get("deps");
    const studio = c.get("studio")!;
    const header = c.req.header("authorization");
    let actor: ApiActor;
    if (header !== undefined) {
      const token = BEARER.exec(header.trim())?.[1];
      const key = token ? await authenticateApiKey(kv, token, studio.tenant.id) : null;
      if (!key) {
        c.set("apiAuthError", "invalid_token");
        throw new UnauthorizedError("The API key is not valid here: it is unknown, revoked or expired.");
      }
      actor = { type: "api_key", id: key.id, label: key.name, role: key.role };
    } else {
      const staff = c.get("staff");
      if (!staff) throw new UnauthorizedError("Send an API key (Authorization: Bearer rsm_…) or sign in.");
      if (await needsTwoFactorSetup(kv, staff, studio.tenant.id)) {
        throw new ForbiddenError("This studio requires two-factor authentication: set it up first.");
      }
      actor = { type: "staff", id: staff.id, label: staff.email, role: staff.role };
    }
    const rule = { ...API_RATE_LIMIT, limit: config.apiRateLimitPerMinute };
    const limit = await hitRateLimit(kv, rule, `${actor.type}:${actor.id}`);
    if (!limit.allowed) throw new RateLimitedError(limit.retryAfterSeconds);
    c.set("apiActor", actor);
    await next();
    // Answers are for this caller only: no shared cache may keep them.
    c.res.headers.set("Cache-Control", "no-store");
  };
}

/**
 * The caller of an API handler, for permission checks and the audit log.
 *
 * ```ts
 * requirePermission(apiActor(c).role, "rooms.manage");
 * ```
 */
export function apiActor(c: Context): ApiActor {
  const actor = c.get("apiActor") as ApiActor | undefined;
  if (!actor) throw new UnauthorizedError();
  return actor;
}

/** The caller as domain writes record it in the audit log (like actingAs(ctx) for pages). */
export function apiActingAs(c: Context): ActingAs {
  const { type, id, label } = apiActor(c);
  return {
    actor: { type, id, label },
    ip: clientIp(c),
    userAgent: c.req.header("user-agent"),
  };
}

/** Route middleware: a 403 problem unless the caller's role holds `permission`. */
export function requireApiPermission(permission: Permission): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    requirePermission(apiActor(c).role, permission);
    await next();
  };
}

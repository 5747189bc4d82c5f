/**
 * Cross-origin resource sharing for the REST API (/api/v1).
 *
 * API keys are for servers and integrations. A browser page of another origin may call a studio's
 * API only when the studio lists that origin (Settings → API keys; stored by lib/kv/api_cors.ts):
 *
 * - the origin must match exactly (scheme, host and port), as the browser sends it in `Origin`;
 * - a preflight (`OPTIONS` with `Access-Control-Request-Method`) from a listed origin is answered 204
 *   with `Access-Control-Allow-Origin/-Methods/-Headers/-Max-Age`; from any other origin, 403
 *   without any of them, so the browser stops there;
 * - the actual request's answer carries `Access-Control-Allow-Origin` (and the headers a client may
 *   read) only for a listed origin;
 * - never `Access-Control-Allow-Credentials`, and a cross-origin request never counts the staff
 *   session cookie, listed origin or not: it must bring an API key (Bearer). Cookies are for the
 *   studio's own pages only.
 *
 * Every answer says `Vary: Origin`, since what it carries depends on the caller's origin.
 *
 * hono/cors is not used: it answers every preflight 204 with the allowed methods and headers (even
 * for a refused origin), and leaves the session cookie alone, both of which we want otherwise.
 */
import type { MiddlewareHandler } from "hono";
import type { ActingAs, AuditWriter } from "../audit/audit.ts";
import { recordAudit } from "../audit/audit.ts";
import { ForbiddenError, ValidationError } from "../errors.ts";
import { allowedApiOrigins, getApiCorsEntry, MAX_ALLOWED_ORIGINS, putApiCors } from "../kv/api_cors.ts";
import type { ApiEnv } from "../api/auth.ts";
import { hostOfUrl } from "../tenancy/address.ts";

export const CORS_ALLOW_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE";
export const CORS_ALLOW_HEADERS = "Authorization, Content-Type";
/** Headers a page may read from an answer (Link for pagination, Retry-After after a 429, …). */
export const CORS_EXPOSE_HEADERS = "Link, Location, Retry-After, WWW-Authenticate";
/** Ten minutes: browsers cache an allowed preflight that long (Chromium caps it at two hours). */
export const CORS_MAX_AGE_SECONDS = 600;

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * The origin an owner typed, normalised (`https://App.Example.com/` → `https://app.example.com`),
 * or an error message: https only, except http on localhost, 127.0.0.1 and [::1] (local
 * development); an origin only, without path, query, user or wildcard.
 */
export function parseAllowedOrigin(text: string): { origin: string } | { error: string } {
  const value = text.trim();
  if (value.includes("*")) return { error: `${value}: wildcards are not accepted; list each origin.` };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { error: `${value}: not an origin. Write it like https://app.example.com.` };
  }
  const local = LOCAL_HOSTS.has(url.hostname) || url.hostname.endsWith(".localhost");
  if (url.protocol !== "https:" && !(url.protocol === "http:" && local)) {
    return { error: `${value}: use https (http only for localhost).` };
  }
  if (
    url.username || url.password || url.search || url.hash || (url.pathname !== "/" && url.pathname !== "")
  ) {
    return { error: `${value}: only the origin (scheme, host and port), without a path.` };
  }
  if (value.endsWith("?") || value.endsWith("#")) {
    return { error: `${value}: only the origin (scheme, host and port), without a path.` };
  }
  return { origin: url.origin };
}

/** Every origin of `text` (one a line, or separated by spaces or commas), or field errors. */
export function parseAllowedOrigins(text: string): string[] {
  const items = text.split(/[\s,]+/).filter(Boolean);
  const origins: string[] = [];
  const problems: string[] = [];
  for (const item of items) {
    const parsed = parseAllowedOrigin(item);
    if ("error" in parsed) problems.push(parsed.error);
    else if (!origins.includes(parsed.origin)) origins.push(parsed.origin);
  }
  if (problems.length) throw new ValidationError({ allowedOrigins: problems.join(" ") });
  if (origins.length > MAX_ALLOWED_ORIGINS) {
    throw new ValidationError({ allowedOrigins: `At most ${MAX_ALLOWED_ORIGINS} origins.` });
  }
  return origins;
}

export interface SetApiCorsOrigins {
  tenantId: string;
  /** What the owner typed: origins one a line. */
  text: string;
  acting: ActingAs;
  audit: AuditWriter;
}

/**
 * Saves the studio's allowed origins; audited as `api.cors_origins_changed` (entity `api_cors`,
 * before/after lists) when the list changes. Returns the list saved.
 */
export async function setApiCorsOrigins(kv: Deno.Kv, change: SetApiCorsOrigins): Promise<string[]> {
  const origins = parseAllowedOrigins(change.text);
  const entry = await getApiCorsEntry(kv, change.tenantId);
  const before = entry.value?.allowedOrigins ?? [];
  if (before.length === origins.length && before.every((origin, i) => origin === origins[i])) return origins;
  const saved = await putApiCors(kv, entry, {
    tenantId: change.tenantId,
    allowedOrigins: origins,
    updatedAt: new Date().toISOString(),
    updatedBy: change.acting.actor.id ?? "",
  });
  if (!saved) {
    throw new ValidationError(
      { allowedOrigins: "Someone else saved this list meanwhile; check it and save again." },
      "The allowed origins were not saved.",
    );
  }
  await recordAudit(change.audit, {
    ...change.acting,
    action: "api.cors_origins_changed",
    entity: { type: "api_cors", id: change.tenantId },
    changes: { allowedOrigins: { before, after: origins } },
  });
  return origins;
}

/**
 * The CORS steps of /api/v1, after the studio is known and before authentication (a preflight
 * carries no credentials): `Vary: Origin` on every answer, errors included (the outer step; a
 * refused preflight is raised as an error and answered by the app's error handler), then the rules of
 * the module comment.
 *
 * ```ts
 * api.use("*", ...apiCors());
 * ```
 */
export function apiCors(): MiddlewareHandler<ApiEnv>[] {
  const vary: MiddlewareHandler<ApiEnv> = async (c, next) => {
    await next();
    if (!/(^|,)\s*origin\s*(,|$)/i.test(c.res.headers.get("vary") ?? "")) {
      c.res.headers.append("Vary", "Origin");
    }
  };
  const cors: MiddlewareHandler<ApiEnv> = async (c, next) => {
    const origin = c.req.header("origin");
    const site = c.req.header("sec-fetch-site");
    const crossOrigin = origin !== undefined
      ? origin === "null" || hostOfUrl(origin + "/") !== hostOfUrl(c.req.url)
      : site === "cross-site" || site === "same-site";
    if (!crossOrigin) return await next();
    // The session cookie is for the studio's own pages: from elsewhere, only an API key counts.
    c.set("staff", undefined);
    const studio = c.get("studio")!;
    const allowed = origin !== undefined && origin !== "null" &&
      (await allowedApiOrigins(c.get("deps").kv, studio.tenant.id)).includes(origin);

    if (c.req.method === "OPTIONS" && c.req.header("access-control-request-method")) {
      if (!allowed) {
        throw new ForbiddenError(
          `${origin} may not call this studio's API from a browser. An owner or admin can allow it under Settings → API keys.`,
        );
      }
      return new Response(null, {
        status: 204,
        headers: {
          "Access-Control-Allow-Origin": origin!,
          "Access-Control-Allow-Methods": CORS_ALLOW_METHODS,
          "Access-Control-Allow-Headers": CORS_ALLOW_HEADERS,
          "Access-Control-Max-Age": String(CORS_MAX_AGE_SECONDS),
        },
      });
    }
    await next();
    if (allowed) {
      c.res.headers.set("Access-Control-Allow-Origin", origin!);
      c.res.headers.set("Access-Control-Expose-Headers", CORS_EXPOSE_HEADERS);
    }
  };
  return [vary, cors];
}

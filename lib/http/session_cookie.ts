import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { SESSION_LIFETIME_MS } from "../kv/sessions.ts";

/**
 * The staff session cookie: HttpOnly, SameSite=Lax, Secure over https. On https with the studio on
 * its own host it is a `__Host-` cookie (no Domain, Path=/), so no sibling subdomain can set or read
 * it. Studios addressed by path on one host (`/s/<slug>/`, local installs) each get their own
 * cookie path, so signing in to one studio does not sign another out.
 */
export const SESSION_COOKIE = "rsm_session";
/** The studio's clients' portal session (lib/kv/portal_sessions.ts): same rules, its own cookie. */
export const PORTAL_COOKIE = "rsm_portal";

/** The cookie's name for a studio served over https or not, at a host of its own or under a path. */
export const sessionCookieName = (https: boolean, base: string, cookie = SESSION_COOKIE): string =>
  https && base === "" ? `__Host-${cookie}` : cookie;
const nameFor = sessionCookieName;

export function readSessionCookie(
  c: Context,
  https: boolean,
  base: string,
  cookie = SESSION_COOKIE,
): string | undefined {
  return getCookie(c, nameFor(https, base, cookie));
}

export function writeSessionCookie(
  c: Context,
  https: boolean,
  base: string,
  token: string,
  cookie = SESSION_COOKIE,
  lifetimeMs = SESSION_LIFETIME_MS,
): void {
  setCookie(c, nameFor(https, base, cookie), token, {
    path: base === "" ? "/" : `${base}/`,
    httpOnly: true,
    secure: https,
    sameSite: "Lax",
    maxAge: Math.floor(lifetimeMs / 1000),
  });
}

export function clearSessionCookie(c: Context, https: boolean, base: string, cookie = SESSION_COOKIE): void {
  deleteCookie(c, nameFor(https, base, cookie), { path: base === "" ? "/" : `${base}/`, secure: https });
}

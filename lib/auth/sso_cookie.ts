import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { SSO_FLOW_LIFETIME_MS } from "../kv/sso_config.ts";

/**
 * The cookie that carries an SSO sign-in's `state` from the start route to the callback: only the
 * browser that started a sign-in can finish it, so nobody can slip their own provider account into
 * someone else's browser (login CSRF). Same rules as the session cookie (lib/http/session_cookie.ts):
 * HttpOnly, SameSite=Lax (the provider's redirect back is a top-level GET, which Lax lets through),
 * Secure over https, `__Host-` when the studio has a host of its own; it lives no longer than the flow.
 */
export const SSO_COOKIE = "rsm_sso";

const nameFor = (https: boolean, base: string) => https && base === "" ? `__Host-${SSO_COOKIE}` : SSO_COOKIE;
const pathFor = (base: string) => (base === "" ? "/" : `${base}/`);

export function readSsoCookie(c: Context, https: boolean, base: string): string | undefined {
  return getCookie(c, nameFor(https, base));
}

export function writeSsoCookie(c: Context, https: boolean, base: string, state: string): void {
  setCookie(c, nameFor(https, base), state, {
    path: pathFor(base),
    httpOnly: true,
    secure: https,
    sameSite: "Lax",
    maxAge: Math.floor(SSO_FLOW_LIFETIME_MS / 1000),
  });
}

export function clearSsoCookie(c: Context, https: boolean, base: string): void {
  deleteCookie(c, nameFor(https, base), { path: pathFor(base), secure: https });
}

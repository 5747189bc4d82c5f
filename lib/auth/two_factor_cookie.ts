import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { CHALLENGE_LIFETIME_MS } from "../kv/two_factor.ts";

/**
 * The cookie that carries a sign-in challenge from the password step to the code step. Same rules as
 * the session cookie (lib/http/session_cookie.ts): HttpOnly, SameSite=Lax, Secure over https, a
 * `__Host-` cookie when the studio has a host of its own, the studio's path otherwise; it lives no
 * longer than the challenge.
 */
export const CHALLENGE_COOKIE = "rsm_2fa";

const nameFor = (https: boolean, base: string) =>
  https && base === "" ? `__Host-${CHALLENGE_COOKIE}` : CHALLENGE_COOKIE;
const pathFor = (base: string) => (base === "" ? "/" : `${base}/`);

export function readChallengeCookie(c: Context, https: boolean, base: string): string | undefined {
  return getCookie(c, nameFor(https, base));
}

export function writeChallengeCookie(c: Context, https: boolean, base: string, token: string): void {
  setCookie(c, nameFor(https, base), token, {
    path: pathFor(base),
    httpOnly: true,
    secure: https,
    sameSite: "Lax",
    maxAge: Math.floor(CHALLENGE_LIFETIME_MS / 1000),
  });
}

export function clearChallengeCookie(c: Context, https: boolean, base: string): void {
  deleteCookie(c, nameFor(https, base), { path: pathFor(base), secure: https });
}

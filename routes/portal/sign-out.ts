import type { Access } from "@/lib/auth/access.ts";
import { define } from "@/lib/http/define.ts";
import { depsOf } from "@/lib/http/deps.ts";
import { clearSessionCookie, PORTAL_COOKIE, readSessionCookie } from "@/lib/http/session_cookie.ts";
import { requireStudio } from "@/lib/http/studio.ts";
import { revokePortalSession } from "@/lib/kv/portal_sessions.ts";

export const access: Access = "public";

/** Ends the client's portal session on this device. */
export const handler = define.handlers({
  async POST(ctx) {
    const studio = requireStudio(ctx);
    const { kv, config } = depsOf(ctx);
    const token = readSessionCookie(ctx.hono, config.https, studio.base, PORTAL_COOKIE);
    if (token) await revokePortalSession(kv, token);
    clearSessionCookie(ctx.hono, config.https, studio.base, PORTAL_COOKIE);
    return ctx.redirect(`${studio.base}/portal`, 303);
  },
});

import type { Access } from "@/lib/auth/access.ts";
import { requireStudio } from "@/lib/http/studio.ts";
import { clientIp } from "@/lib/http/client_ip.ts";
import { define } from "@/lib/http/define.ts";
import { depsOf } from "@/lib/http/deps.ts";
import { writeSessionCookie } from "@/lib/http/session_cookie.ts";
import { consumeHandoff } from "@/lib/kv/handoff_tokens.ts";
import { createSession } from "@/lib/kv/sessions.ts";

export const access: Access = "public";

/**
 * The first stop at a new studio's own address after sign-up: the one-time token from the sign-up
 * page becomes a session here (cookies cannot cross hosts). A used or expired token leads to sign-in.
 */
export const handler = define.handlers({
  async GET(ctx) {
    const studio = requireStudio(ctx);
    const { kv, config } = depsOf(ctx);
    const handoff = await consumeHandoff(kv, ctx.url.searchParams.get("token") ?? "", studio.tenant.id);
    if (!handoff) return ctx.redirect(`${studio.base}/sign-in`, 302);
    const { token } = await createSession(kv, {
      staffId: handoff.staffId,
      tenantId: studio.tenant.id,
      ip: clientIp(ctx.hono),
      userAgent: ctx.req.headers.get("user-agent") ?? undefined,
    });
    writeSessionCookie(ctx.hono, config.https, studio.base, token);
    return ctx.redirect(`${studio.base}/app`, 302);
  },
});

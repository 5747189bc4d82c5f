import type { Access } from "@/lib/auth/access.ts";
import { requireStudio } from "@/lib/http/studio.ts";
import { recordAudit } from "@/lib/audit/audit.ts";
import { clientIp } from "@/lib/http/client_ip.ts";
import { define } from "@/lib/http/define.ts";
import { depsOf } from "@/lib/http/deps.ts";
import { clearSessionCookie, readSessionCookie } from "@/lib/http/session_cookie.ts";
import { revokeSession } from "@/lib/kv/sessions.ts";

export const access: Access = "public";

/** Ends this browser's session in the studio and returns to its sign-in page. */
export const handler = define.handlers({
  async POST(ctx) {
    const studio = requireStudio(ctx);
    const { kv, config } = depsOf(ctx);
    const token = readSessionCookie(ctx.hono, config.https, studio.base);
    if (token) await revokeSession(kv, token);
    const staff = ctx.state.staff;
    if (staff) {
      await recordAudit(studio.db, {
        actor: { type: "staff", id: staff.id, label: staff.email },
        action: "auth.sign_out",
        ip: clientIp(ctx.hono),
        userAgent: ctx.req.headers.get("user-agent") ?? undefined,
      });
    }
    clearSessionCookie(ctx.hono, config.https, studio.base);
    return ctx.redirect(`${studio.base}/sign-in`);
  },
});

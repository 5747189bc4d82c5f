import type { Access } from "@/lib/auth/access.ts";
import { clientIp } from "@/lib/http/client_ip.ts";
import { define } from "@/lib/http/define.ts";
import { readForm } from "@/lib/http/form.ts";
import { rememberLanguage } from "@/lib/http/portal_session.ts";
import { safeNext } from "@/lib/http/safe_next.ts";
import { requireStudio } from "@/lib/http/studio.ts";
import { parseLanguageChoice, setClientLocale } from "@/lib/portal/portal_locale.ts";

export const access: Access = "public";

/**
 * The portal's language switcher (the small form in every portal page's footer): a signed-in client's
 * choice is stored on their profile (their e-mails follow it too); everyone's is kept in a cookie.
 * Then back to the page it was posted from.
 */
export const handler = define.handlers({
  async POST(ctx) {
    const studio = requireStudio(ctx);
    const form = await readForm(ctx.req);
    const locale = parseLanguageChoice(form.get("locale"));
    const client = ctx.state.portal?.client;
    if (client) {
      await setClientLocale(studio.db, client.clientId, locale, {
        actor: { type: "client", id: client.clientId, label: client.email },
        ip: clientIp(ctx.hono),
        userAgent: ctx.req.headers.get("user-agent") ?? undefined,
      });
    }
    rememberLanguage(ctx, locale);
    return ctx.redirect(safeNext(form.get("next"), studio.base, "/portal"), 303);
  },
});

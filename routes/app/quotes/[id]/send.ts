import type { Access } from "@/lib/auth/access.ts";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { explained, postedVersion } from "@/lib/billing/quote_action_form.ts";
import { sendQuote } from "@/lib/billing/quotes.ts";
import { actingAs } from "@/lib/http/acting_as.ts";
import { define } from "@/lib/http/define.ts";
import { depsOf } from "@/lib/http/deps.ts";
import { readForm } from "@/lib/http/form.ts";
import { studioOrigin } from "@/lib/http/studio_origin.ts";

export const access: Access = { permission: "quotes.manage" };

/** Sends a draft quote to its client (or sends a sent one again, with a new link), then back to it. */
export const handler = define.handlers({
  async POST(ctx) {
    requirePermission(ctx.state.staff!.role, "quotes.manage");
    const studio = ctx.state.studio!;
    const form = await readForm(ctx.req);
    const { mailer, config } = depsOf(ctx);
    // The link is on the address staff use, which is the studio's own (its host or /s/<slug>).
    const baseUrl = `${studioOrigin(ctx.url, config)}${studio.base}`;
    const { quote } = await explained(() =>
      sendQuote(studio.db, ctx.params.id, postedVersion(form), actingAs(ctx), { mailer, baseUrl })
    );
    return ctx.redirect(`${studio.base}/app/quotes/${quote.id}?saved=sent`);
  },
});

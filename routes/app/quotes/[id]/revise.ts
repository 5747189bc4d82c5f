import type { Access } from "@/lib/auth/access.ts";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { explained, postedVersion } from "@/lib/billing/quote_action_form.ts";
import { reviseQuote } from "@/lib/billing/quotes.ts";
import { actingAs } from "@/lib/http/acting_as.ts";
import { define } from "@/lib/http/define.ts";
import { readForm } from "@/lib/http/form.ts";

export const access: Access = { permission: "quotes.manage" };

/** Makes the next revision of a quote as a draft, and opens it. */
export const handler = define.handlers({
  async POST(ctx) {
    requirePermission(ctx.state.staff!.role, "quotes.manage");
    const studio = ctx.state.studio!;
    const form = await readForm(ctx.req);
    const draft = await explained(() =>
      reviseQuote(studio.db, ctx.params.id, postedVersion(form), actingAs(ctx))
    );
    return ctx.redirect(`${studio.base}/app/quotes/${draft.id}?saved=revised`);
  },
});

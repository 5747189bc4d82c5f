import type { Access } from "@/lib/auth/access.ts";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { type ConversionTarget, convertQuote } from "@/lib/billing/quote_conversion.ts";
import { explained, postedVersion } from "@/lib/billing/quote_action_form.ts";
import { actingAs } from "@/lib/http/acting_as.ts";
import { define } from "@/lib/http/define.ts";
import { readForm } from "@/lib/http/form.ts";

export const access: Access = { permission: "quotes.manage" };

/**
 * Converts a quote: `target=invoice` makes the final draft invoice, `target=deposit_invoice` with a
 * `percent` a draft deposit invoice. Either way, on to the new draft.
 */
export const handler = define.handlers({
  async POST(ctx) {
    requirePermission(ctx.state.staff!.role, "quotes.manage");
    const studio = ctx.state.studio!;
    const form = await readForm(ctx.req);
    const target = String(form.get("target") ?? "") as ConversionTarget;
    const percent = form.get("percent");
    const draft = await explained(() =>
      convertQuote(studio.db, ctx.params.id, postedVersion(form), {
        target,
        percent: typeof percent === "string" ? percent : null,
      }, actingAs(ctx))
    );
    const saved = draft.kind === "deposit_invoice" ? "deposit" : "converted";
    return ctx.redirect(`${studio.base}/app/invoices/${draft.id}?saved=${saved}`);
  },
});

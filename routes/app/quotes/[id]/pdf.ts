import type { Access } from "@/lib/auth/access.ts";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { documentPdfResponse } from "@/lib/billing/pdf/pdf_response.ts";
import { define } from "@/lib/http/define.ts";

export const access: Access = { permission: "quotes.view" };

/** A quote as a PDF, opened in the browser (drafts marked DRAFT). */
export const handler = define.handlers({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "quotes.view");
    return await documentPdfResponse(ctx.state.studio!.db, ctx.params.id, ["quote"]);
  },
});

import type { Access } from "@/lib/auth/access.ts";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { documentPdfResponse } from "@/lib/billing/pdf/pdf_response.ts";
import { define } from "@/lib/http/define.ts";

export const access: Access = { permission: "invoices.view" };

/** An invoice or deposit invoice as a PDF, opened in the browser (drafts marked DRAFT). */
export const handler = define.handlers({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "invoices.view");
    return await documentPdfResponse(ctx.state.studio!.db, ctx.params.id, ["invoice", "deposit_invoice"]);
  },
});

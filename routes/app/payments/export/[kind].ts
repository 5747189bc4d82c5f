import type { Access } from "@/lib/auth/access.ts";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { EXPORT_KINDS, exportCsv, type ExportKind, parsePeriod } from "@/lib/billing/exports.ts";
import { NotFoundError } from "@/lib/errors.ts";
import { define } from "@/lib/http/define.ts";

export const access: Access = { permission: "payments.record" };

/** `/app/payments/export/invoices?from=…&to=…` (or credit-notes, payments): a period's CSV for the accountant. */
export const handler = define.handlers({
  GET(ctx) {
    requirePermission(ctx.state.staff!.role, "payments.record");
    const studio = ctx.state.studio!;
    const kind = ctx.params.kind as ExportKind;
    if (!EXPORT_KINDS.includes(kind)) throw new NotFoundError("No such export.");
    const period = parsePeriod(ctx.url.searchParams);
    return new Response(exportCsv(studio.db, kind, period), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition":
          `attachment; filename="${kind}-${studio.tenant.slug}-${period.from}-${period.to}.csv"`,
        "cache-control": "no-store",
      },
    });
  },
});

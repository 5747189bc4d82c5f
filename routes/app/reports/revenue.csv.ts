import type { Access } from "@/lib/auth/access.ts";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { localDateOf } from "@/lib/billing/issue.ts";
import { getIssuer } from "@/lib/billing/settings.ts";
import { revenueReportCsv } from "@/lib/billing/report_csv.ts";
import { periodQueryOf, resolvePeriod } from "@/lib/billing/report_period.ts";
import { revenueReport } from "@/lib/billing/reports.ts";
import { define } from "@/lib/http/define.ts";

export const access: Access = { permission: "reports.view" };

/** `/app/reports/revenue.csv?period=…`: the revenue report's figures as CSV (a 422 for a bad period). */
export const handler = define.handlers({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "reports.view");
    const studio = ctx.state.studio!;
    const issuer = await getIssuer(studio.db);
    const today = localDateOf(new Date(), issuer.timezone);
    const period = resolvePeriod(periodQueryOf(ctx.url.searchParams), today);
    const report = await revenueReport(studio.db, period, issuer.baseCurrency);
    return new Response(revenueReportCsv(report), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition":
          `attachment; filename="revenue-${studio.tenant.slug}-${period.from}-${period.to}.csv"`,
        "cache-control": "no-store",
      },
    });
  },
});

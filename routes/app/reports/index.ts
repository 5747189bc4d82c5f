import type { Access } from "@/lib/auth/access.ts";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { define } from "@/lib/http/define.ts";

export const access: Access = { permission: "reports.view" };

/** `/app/reports`: the revenue report is the only report so far. */
export const handler = define.handlers({
  GET(ctx) {
    requirePermission(ctx.state.staff!.role, "reports.view");
    return ctx.redirect(`${ctx.state.studio!.base}/app/reports/revenue`, 302);
  },
});

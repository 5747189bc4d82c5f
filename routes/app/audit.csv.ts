import type { Access } from "@/lib/auth/access.ts";
import { listAudit } from "@/lib/audit/audit.ts";
import { auditCsvLines } from "@/lib/audit/csv.ts";
import { auditQuery } from "@/lib/audit/query.ts";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { define } from "@/lib/http/define.ts";

export const access: Access = { permission: "audit.view" };

const BATCH = 1000;

/** The audit log as CSV with the page's filters, streamed in keyset batches so any size exports. */
export const handler = define.handlers({
  GET(ctx) {
    requirePermission(ctx.state.staff!.role, "audit.view");
    const studio = ctx.state.studio!;
    const { filter } = auditQuery(ctx.url.searchParams, studio.tenant.timezone);
    const encoder = new TextEncoder();
    let beforeId = filter.beforeId;
    let first = true;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const rows = await listAudit(studio.db, { ...filter, beforeId, limit: BATCH });
        controller.enqueue(encoder.encode(auditCsvLines(rows, first)));
        first = false;
        if (rows.length < BATCH) controller.close();
        else beforeId = rows.at(-1)!.id;
      },
    });
    const day = new Date().toISOString().slice(0, 10);
    return new Response(body, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="audit-${studio.tenant.slug}-${day}.csv"`,
        "cache-control": "no-store",
      },
    });
  },
});

import type { Access } from "@/lib/auth/access.ts";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { clientsByIds } from "@/lib/clients/clients.ts";
import { clientCsvLines } from "@/lib/clients/csv_export.ts";
import { exportStream } from "@/lib/clients/export_stream.ts";
import { searchFromParams } from "@/lib/clients/search.ts";
import { define } from "@/lib/http/define.ts";

export const access: Access = { permission: "clients.view" };

/** The clients the list shows (its search, tag and archived filters) as CSV that imports back. */
export const handler = define.handlers({
  GET(ctx) {
    requirePermission(ctx.state.staff!.role, "clients.view");
    const studio = ctx.state.studio!;
    const body = exportStream(
      studio.db,
      searchFromParams(ctx.url.searchParams),
      async (ids, first) => clientCsvLines(await clientsByIds(studio.db, ids), first),
    );
    const day = new Date().toISOString().slice(0, 10);
    return new Response(body, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="clients-${studio.tenant.slug}-${day}.csv"`,
        "cache-control": "no-store",
      },
    });
  },
});

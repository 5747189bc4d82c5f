import type { Access } from "@/lib/auth/access.ts";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { getClient } from "@/lib/clients/clients.ts";
import { clientVCards } from "@/lib/clients/vcard.ts";
import { define } from "@/lib/http/define.ts";
import { attachmentName } from "@/lib/clients/download.ts";

export const access: Access = { permission: "clients.view" };

/** The client and its contacts as vCards, for an address book. */
export const handler = define.handlers({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "clients.view");
    const client = await getClient(ctx.state.studio!.db, ctx.params.id);
    return new Response(clientVCards(client), {
      headers: {
        "content-type": "text/vcard; charset=utf-8",
        "content-disposition": attachmentName(client.name, "vcf"),
        "cache-control": "no-store",
      },
    });
  },
});

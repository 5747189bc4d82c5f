import type { Access } from "@/lib/auth/access.ts";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { setClientArchived } from "@/lib/clients/clients.ts";
import { ValidationError } from "@/lib/errors.ts";
import { actingAs } from "@/lib/http/acting_as.ts";
import { define } from "@/lib/http/define.ts";
import { readForm } from "@/lib/http/form.ts";

export const access: Access = { permission: "clients.manage" };

/** Archives (`archived=1`) or restores (`archived=0`) a client, then back to its page. */
export const handler = define.handlers({
  async POST(ctx) {
    requirePermission(ctx.state.staff!.role, "clients.manage");
    const studio = ctx.state.studio!;
    const form = await readForm(ctx.req);
    const archived = form.get("archived");
    if (archived !== "1" && archived !== "0") {
      throw new ValidationError({ archived: "Say whether to archive (1) or restore (0) the client." });
    }
    const client = await setClientArchived(studio.db, ctx.params.id, archived === "1", actingAs(ctx));
    return ctx.redirect(
      `${studio.base}/app/clients/${client.id}?saved=${archived === "1" ? "archived" : "restored"}`,
    );
  },
});

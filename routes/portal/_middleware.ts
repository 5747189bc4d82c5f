import type { Ctx } from "@/lib/http/define.ts";
import { loadPortal } from "@/lib/http/portal_session.ts";

/** Every portal page knows the studio's branding and, when signed in, the client. */
export const handler = async (ctx: Ctx) => {
  await loadPortal(ctx);
  return ctx.next();
};

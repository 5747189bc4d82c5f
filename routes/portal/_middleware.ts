import type { Ctx } from "@/lib/http/define.ts";
import { loadPortal } from "@/lib/http/portal_session.ts";
import { translatePortalError } from "@/lib/portal/portal_locale.ts";

/**
 * Every portal page knows the studio's branding and, when signed in, the client, and speaks the
 * client's language — error pages included: a domain error's message is shown in that language.
 */
export const handler = async (ctx: Ctx) => {
  await loadPortal(ctx);
  try {
    return await ctx.next();
  } catch (err) {
    throw translatePortalError(err, ctx.state.locale);
  }
};

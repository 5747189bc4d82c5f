import { UnauthorizedError } from "@/lib/errors.ts";
import { requireStudio } from "@/lib/http/studio.ts";
import type { Ctx } from "@/lib/http/define.ts";

/**
 * The staff app exists only inside a studio (at its address, never on the platform's own host) and
 * only for its signed-in staff. A page visited signed out leads to sign-in and back.
 */
export const handler = (ctx: Ctx) => {
  const studio = requireStudio(ctx);
  if (!ctx.state.staff) {
    if (ctx.req.method !== "GET" && ctx.req.method !== "HEAD") throw new UnauthorizedError();
    const next = ctx.url.pathname + ctx.url.search;
    return ctx.redirect(`${studio.base}/sign-in?next=${encodeURIComponent(next)}`, 302);
  }
  return ctx.next();
};

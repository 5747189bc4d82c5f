import { UnauthorizedError } from "@/lib/errors.ts";
import type { Ctx } from "@/lib/http/define.ts";
import { requireStudio } from "@/lib/http/studio.ts";

/** A client's own pages: signed-out visitors go to the portal's sign-in and come back. */
export const handler = (ctx: Ctx) => {
  const studio = requireStudio(ctx);
  if (ctx.state.portal?.client) return ctx.next();
  if (ctx.req.method !== "GET" && ctx.req.method !== "HEAD") throw new UnauthorizedError();
  const next = ctx.url.pathname + ctx.url.search;
  return ctx.redirect(`${studio.base}/portal/sign-in?next=${encodeURIComponent(next)}`, 302);
};

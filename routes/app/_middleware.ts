import { studioChoices } from "@/lib/auth/studio_switcher.ts";
import { UnauthorizedError } from "@/lib/errors.ts";
import { depsOf } from "@/lib/http/deps.ts";
import { studioUrl } from "@/lib/tenancy/studio_url.ts";
import { requireStudio } from "@/lib/http/studio.ts";
import type { Ctx } from "@/lib/http/define.ts";

/**
 * The staff app exists only inside a studio (at its address, never on the platform's own host) and
 * only for its signed-in staff. A page visited signed out leads to sign-in and back. For a signed-in
 * member it lists their studios for the account menu's switcher (one KV list when there is only this one).
 */
export const handler = async (ctx: Ctx) => {
  const studio = requireStudio(ctx);
  if (!ctx.state.staff) {
    if (ctx.req.method !== "GET" && ctx.req.method !== "HEAD") throw new UnauthorizedError();
    const next = ctx.url.pathname + ctx.url.search;
    return ctx.redirect(`${studio.base}/sign-in?next=${encodeURIComponent(next)}`, 302);
  }
  const { kv, config } = depsOf(ctx);
  // A studio addressed by path shares this host with the others; else each is at its own address.
  ctx.state.studios = await studioChoices(
    kv,
    ctx.state.staff,
    studio,
    (tenant) => studio.base ? `/s/${tenant.slug}/` : studioUrl(config, tenant.slug),
  );
  return ctx.next();
};

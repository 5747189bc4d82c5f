import {
  needsTwoFactorSetup,
  reachableBeforeTwoFactor,
  TWO_FACTOR_SETUP_PATH,
} from "@/lib/auth/require_two_factor.ts";
import { studioChoices } from "@/lib/auth/studio_switcher.ts";
import { UnauthorizedError } from "@/lib/errors.ts";
import { depsOf } from "@/lib/http/deps.ts";
import { studioUrl } from "@/lib/tenancy/studio_url.ts";
import { requireStudio } from "@/lib/http/studio.ts";
import type { Ctx } from "@/lib/http/define.ts";

/**
 * The staff app exists only inside a studio (at its address, never on the platform's own host) and
 * only for its signed-in staff. A page visited signed out leads to sign-in and back. For a signed-in
 * member it lists their studios for the account menu's switcher (one KV list when there is only this one),
 * and sends a member who owes two-factor set-up (lib/auth/require_two_factor.ts) to do that first.
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
  // A studio that requires 2FA: a member without it may only set it up (sign-out is outside /app).
  if (
    !reachableBeforeTwoFactor(ctx.url.pathname.slice(studio.base.length)) &&
    await needsTwoFactorSetup(kv, ctx.state.staff, studio.tenant.id)
  ) {
    return ctx.redirect(`${studio.base}${TWO_FACTOR_SETUP_PATH}?required=1`, 303);
  }
  return ctx.next();
};

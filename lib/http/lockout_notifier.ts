import type { LockoutNotifier } from "../auth/lockout_notice.ts";
import { studioUrl } from "../tenancy/studio_url.ts";
import type { Ctx } from "./define.ts";
import { depsOf } from "./deps.ts";
import { studioOrigin } from "./studio_origin.ts";

/**
 * The lockout notifier of a sign-in form at a studio's address: notices go out in the request's
 * language, and link to this studio's forgotten-password page at the address the request came to,
 * or to another studio's own address.
 */
export function lockoutNotifier(ctx: Ctx): LockoutNotifier {
  const { mailer, config } = depsOf(ctx);
  const studio = ctx.state.studio!;
  const here = `${studioOrigin(ctx.url, config)}${studio.base}/`;
  return {
    mailer,
    locale: ctx.state.locale,
    tenantId: studio.tenant.id,
    forgotPasswordLink: (tenant, email) =>
      `${tenant.id === studio.tenant.id ? here : studioUrl(config, tenant.slug)}forgot-password?email=${
        encodeURIComponent(email)
      }`,
  };
}

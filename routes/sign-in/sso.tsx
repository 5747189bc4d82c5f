import type { Access } from "@/lib/auth/access.ts";
import { type SsoProblem, SsoRefused, startSso } from "@/lib/auth/sso.ts";
import { writeSsoCookie } from "@/lib/auth/sso_cookie.ts";
import { SsoFailure } from "@/lib/auth/sso_failure.tsx";
import { secretBoxFor } from "@/lib/crypto/secret_box.ts";
import { clientIp } from "@/lib/http/client_ip.ts";
import { define } from "@/lib/http/define.ts";
import { depsOf } from "@/lib/http/deps.ts";
import { safeNext } from "@/lib/http/safe_next.ts";
import { requireStudio } from "@/lib/http/studio.ts";
import { studioOrigin } from "@/lib/http/studio_origin.ts";

export const access: Access = "public";

interface Data {
  problem: SsoProblem;
}

/**
 * Starts signing in through the studio's identity provider (lib/auth/sso.ts): the state goes into
 * an HttpOnly cookie, the browser to the provider. Rate limited per address (429 with Retry-After).
 */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    const studio = requireStudio(ctx);
    const { kv, config } = depsOf(ctx);
    ctx.hono.header("Cache-Control", "no-store");
    const next = safeNext(ctx.url.searchParams.get("next"), studio.base);
    if (ctx.state.staff) return ctx.redirect(next);
    try {
      const { url, state } = await startSso(
        { kv, box: await secretBoxFor(config.secretsKeys), allowLoopback: config.ssoAllowPrivateIssuers },
        {
          tenantId: studio.tenant.id,
          redirectUri: `${studioOrigin(ctx.url, config)}${studio.base}/sign-in/sso/callback`,
          next,
          ip: clientIp(ctx.hono),
        },
      );
      writeSsoCookie(ctx.hono, config.https, studio.base, state);
      return ctx.redirect(url.href, 302);
    } catch (err) {
      if (!(err instanceof SsoRefused)) throw err;
      return ctx.render({ problem: err.problem }, { status: err.status });
    }
  },
});

export default define.page<typeof handler>(({ data, state }) => (
  <SsoFailure problem={data.problem} base={state.studio!.base} t={state.t} />
));

import type { Access } from "@/lib/auth/access.ts";
import { finishSso, type SsoProblem, SsoRefused } from "@/lib/auth/sso.ts";
import { clearSsoCookie, readSsoCookie } from "@/lib/auth/sso_cookie.ts";
import { SsoFailure } from "@/lib/auth/sso_failure.tsx";
import { writeChallengeCookie } from "@/lib/auth/two_factor_cookie.ts";
import { secretBoxFor } from "@/lib/crypto/secret_box.ts";
import { clientIp } from "@/lib/http/client_ip.ts";
import { define } from "@/lib/http/define.ts";
import { depsOf } from "@/lib/http/deps.ts";
import { safeNext } from "@/lib/http/safe_next.ts";
import { writeSessionCookie } from "@/lib/http/session_cookie.ts";
import { requireStudio } from "@/lib/http/studio.ts";

export const access: Access = "public";

interface Data {
  problem: SsoProblem;
}

/**
 * Where the identity provider sends the browser back: finishes the sign-in (lib/auth/sso.ts) and
 * starts the session like a password sign-in would, or the two-factor step for a person who has it
 * on. Every refusal is a page saying why, with the way back to sign-in.
 */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    const studio = requireStudio(ctx);
    const { kv, config } = depsOf(ctx);
    ctx.hono.header("Cache-Control", "no-store");
    const cookieState = readSsoCookie(ctx.hono, config.https, studio.base);
    // Used or not, the state is spent: a reload must start again.
    clearSsoCookie(ctx.hono, config.https, studio.base);
    try {
      const outcome = await finishSso(
        { kv, box: await secretBoxFor(config.secretsKeys), allowLoopback: config.ssoAllowPrivateIssuers },
        {
          tenantId: studio.tenant.id,
          cookieState,
          params: ctx.url.searchParams,
          ip: clientIp(ctx.hono),
          userAgent: ctx.req.headers.get("user-agent") ?? undefined,
        },
        studio.db,
      );
      if (outcome.status === "second_factor") {
        writeChallengeCookie(ctx.hono, config.https, studio.base, outcome.challengeToken);
        return ctx.redirect(`${studio.base}/sign-in/two-factor`);
      }
      writeSessionCookie(ctx.hono, config.https, studio.base, outcome.token);
      return ctx.redirect(safeNext(outcome.next, studio.base));
    } catch (err) {
      if (!(err instanceof SsoRefused)) throw err;
      return ctx.render({ problem: err.problem }, { status: err.status });
    }
  },
});

export default define.page<typeof handler>(({ data, state }) => (
  <SsoFailure problem={data.problem} base={state.studio!.base} t={state.t} />
));

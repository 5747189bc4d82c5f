import type { Access } from "@/lib/auth/access.ts";
import { AuthPanel } from "@/components/AuthPanel.tsx";
import { Button } from "@/components/Button.tsx";
import { FormErrorSummary } from "@/components/FormErrorSummary.tsx";
import { Input } from "@/components/Input.tsx";
import { refusalMessage, SecondFactorRefused } from "@/lib/auth/two_factor.ts";
import { clearChallengeCookie, readChallengeCookie } from "@/lib/auth/two_factor_cookie.ts";
import { ChallengeExpired, completeSignIn, findSignInChallenge } from "@/lib/auth/two_factor_sign_in.ts";
import { secretBoxFor } from "@/lib/crypto/secret_box.ts";
import { clientIp } from "@/lib/http/client_ip.ts";
import { define } from "@/lib/http/define.ts";
import { depsOf } from "@/lib/http/deps.ts";
import { readForm } from "@/lib/http/form.ts";
import { safeNext } from "@/lib/http/safe_next.ts";
import { writeSessionCookie } from "@/lib/http/session_cookie.ts";
import { requireStudio } from "@/lib/http/studio.ts";
import type { MessageId } from "@/lib/i18n/mod.ts";

export const access: Access = "public";

type Method = "code" | "backup_code";

type Data =
  | { live: true; method: Method; error?: MessageId }
  | { live: false };

// The challenge existed once (or never did); either way only signing in again helps.
const GONE = { status: 410 };

/**
 * The second step of signing in: after the right password, a code from the authenticator app or a
 * backup code. The challenge lives in a cookie (lib/auth/two_factor_cookie.ts); a session starts only
 * here, so a right password alone never signs anyone in.
 */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    const studio = requireStudio(ctx);
    const { kv, config } = depsOf(ctx);
    ctx.hono.header("Cache-Control", "no-store");
    const token = readChallengeCookie(ctx.hono, config.https, studio.base);
    if (!(await findSignInChallenge(kv, token, studio.tenant.id))) return ctx.render({ live: false }, GONE);
    const method = ctx.url.searchParams.get("method") === "backup" ? "backup_code" : "code";
    return ctx.render({ live: true, method });
  },
  async POST(ctx) {
    const studio = requireStudio(ctx);
    const { kv, config } = depsOf(ctx);
    ctx.hono.header("Cache-Control", "no-store");
    const form = await readForm(ctx.req);
    const method: Method = form.get("method") === "backup_code" ? "backup_code" : "code";
    const typed = String(form.get(method) ?? "");
    try {
      const signedIn = await completeSignIn(kv, await secretBoxFor(config.secretsKeys), {
        tenantId: studio.tenant.id,
        challengeToken: readChallengeCookie(ctx.hono, config.https, studio.base) ?? "",
        proof: method === "code" ? { code: typed } : { backupCode: typed },
        ip: clientIp(ctx.hono),
        userAgent: ctx.req.headers.get("user-agent") ?? undefined,
      }, studio.db);
      clearChallengeCookie(ctx.hono, config.https, studio.base);
      writeSessionCookie(ctx.hono, config.https, studio.base, signedIn.token);
      return ctx.redirect(safeNext(signedIn.next, studio.base));
    } catch (err) {
      if (err instanceof ChallengeExpired) {
        clearChallengeCookie(ctx.hono, config.https, studio.base);
        return ctx.render({ live: false }, GONE);
      }
      if (!(err instanceof SecondFactorRefused)) throw err;
      return ctx.render({ live: true, method, error: refusalMessage(err) }, { status: 422 });
    }
  },
});

export default define.page<typeof handler>(({ data, state }) => {
  const { t } = state;
  const base = state.studio!.base;
  if (!data.live) {
    return (
      <AuthPanel title={t("auth.two_factor.expired.title")}>
        <p class="text-sm text-neutral-700">{t("auth.two_factor.expired.body")}</p>
        <Button href={`${base}/sign-in`} class="mt-4">{t("auth.back_to_sign_in")}</Button>
      </AuthPanel>
    );
  }
  const error = data.error ? t(data.error) : undefined;
  const code = data.method === "code";
  return (
    <AuthPanel title={t("auth.two_factor.title")}>
      <p class="mb-4 text-sm text-neutral-700">
        {t(code ? "auth.two_factor.intro_code" : "auth.two_factor.intro_backup")}
      </p>
      <FormErrorSummary
        title={t("auth.two_factor.problem")}
        errors={error ? [{ name: data.method, message: error }] : []}
        class="mb-4"
      />
      <form method="post" class="flex flex-col gap-4">
        <input type="hidden" name="method" value={data.method} />
        {code
          ? (
            <Input
              label={t("auth.two_factor.code")}
              name="code"
              inputmode="numeric"
              autocomplete="one-time-code"
              autofocus={!error}
              required
              error={error}
            />
          )
          : (
            <Input
              label={t("auth.two_factor.backup_code")}
              name="backup_code"
              autocomplete="off"
              autocapitalize="none"
              spellcheck={false}
              autofocus={!error}
              required
              error={error}
            />
          )}
        <Button type="submit" class="w-full">{t("auth.two_factor.submit")}</Button>
      </form>
      <p class="mt-4 text-sm">
        <a
          href={`${base}/sign-in/two-factor${code ? "?method=backup" : ""}`}
          class="text-brand-700 underline focus-ring"
        >
          {t(code ? "auth.two_factor.use_backup" : "auth.two_factor.use_app")}
        </a>
      </p>
    </AuthPanel>
  );
});

import type { Access } from "@/lib/auth/access.ts";
import { requireStudio } from "@/lib/http/studio.ts";
import { Button } from "@/components/Button.tsx";
import { AuthPanel } from "@/components/AuthPanel.tsx";
import { FormErrorSummary } from "@/components/FormErrorSummary.tsx";
import { Input } from "@/components/Input.tsx";
import { signIn, SignInRefused } from "@/lib/auth/sign_in.ts";
import { clientIp } from "@/lib/http/client_ip.ts";
import { define } from "@/lib/http/define.ts";
import { readForm } from "@/lib/http/form.ts";
import { depsOf } from "@/lib/http/deps.ts";
import { lockoutNotifier } from "@/lib/http/lockout_notifier.ts";
import { safeNext } from "@/lib/http/safe_next.ts";
import { writeSessionCookie } from "@/lib/http/session_cookie.ts";
import { writeChallengeCookie } from "@/lib/auth/two_factor_cookie.ts";
import { enabledSsoConfig, SsoRequired } from "@/lib/auth/sso.ts";

export const access: Access = "public";

interface Data {
  email: string;
  next: string;
  refused?: boolean;
  /** The studio signs in through its identity provider too: show "Sign in with SSO". */
  sso?: boolean;
  /** The password was refused because the studio requires SSO. */
  ssoRequired?: boolean;
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const studio = requireStudio(ctx);
    const next = safeNext(ctx.url.searchParams.get("next"), studio.base);
    if (ctx.state.staff) return ctx.redirect(next);
    // The studio switcher links here with the person's e-mail filled in.
    const sso = Boolean(await enabledSsoConfig(depsOf(ctx).kv, studio.tenant.id));
    return ctx.render({ email: ctx.url.searchParams.get("email") ?? "", next, sso });
  },
  async POST(ctx) {
    const studio = requireStudio(ctx);
    const form = await readForm(ctx.req);
    const email = String(form.get("email") ?? "");
    const next = safeNext(form.get("next"), studio.base);
    const { kv, config } = depsOf(ctx);
    try {
      const outcome = await signIn(
        kv,
        {
          tenantId: studio.tenant.id,
          email,
          password: String(form.get("password") ?? ""),
          ip: clientIp(ctx.hono),
          userAgent: ctx.req.headers.get("user-agent") ?? undefined,
          next,
        },
        studio.db,
        lockoutNotifier(ctx),
      );
      if (outcome.status === "second_factor") {
        writeChallengeCookie(ctx.hono, config.https, studio.base, outcome.challengeToken);
        return ctx.redirect(`${studio.base}/sign-in/two-factor`);
      }
      writeSessionCookie(ctx.hono, config.https, studio.base, outcome.token);
      return ctx.redirect(next);
    } catch (err) {
      const sso = Boolean(await enabledSsoConfig(kv, studio.tenant.id));
      if (err instanceof SsoRequired) {
        return ctx.render({ email, next, sso, ssoRequired: true }, { status: 422 });
      }
      if (!(err instanceof SignInRefused)) throw err;
      return ctx.render({ email, next, sso, refused: true }, { status: 422 });
    }
  },
});

export default define.page<typeof handler>(({ data, state }) => {
  const { t } = state;
  const error = data.ssoRequired
    ? t("sso.sign_in.required")
    : data.refused
    ? t("auth.sign_in.refused")
    : undefined;
  return (
    <AuthPanel title={t("auth.sign_in.title", { studio: state.studio!.tenant.name })}>
      <p class="mb-4 text-sm text-neutral-700">{t("auth.sign_in.intro")}</p>
      {data.sso && (
        <div class="mb-4 flex flex-col gap-2">
          <Button
            href={`${state.studio!.base}/sign-in/sso?next=${encodeURIComponent(data.next)}`}
            class="w-full"
          >
            {t("sso.sign_in.button")}
          </Button>
          <p class="text-center text-sm text-neutral-700">{t("sso.sign_in.or")}</p>
        </div>
      )}
      <FormErrorSummary
        title={t("auth.sign_in.problem")}
        errors={error ? [{ name: "email", message: error }] : []}
        class="mb-4"
      />
      <form method="post" class="flex flex-col gap-4">
        <input type="hidden" name="next" value={data.next} />
        <Input
          label={t("auth.email")}
          name="email"
          type="email"
          value={data.email}
          autocomplete="username"
          required
          error={error}
        />
        <Input
          label={t("auth.password")}
          name="password"
          type="password"
          autocomplete="current-password"
          required
        />
        <Button type="submit" class="w-full">{t("auth.sign_in.submit")}</Button>
      </form>
      <p class="mt-4 text-sm">
        <a href={`${state.studio!.base}/forgot-password`} class="text-brand-700 underline focus-ring">
          {t("auth.sign_in.forgot")}
        </a>
      </p>
    </AuthPanel>
  );
});

import type { Access } from "@/lib/auth/access.ts";
import { requireStudio } from "@/lib/http/studio.ts";
import { Button } from "@/components/Button.tsx";
import { AuthPanel } from "@/components/AuthPanel.tsx";
import { FormErrorSummary } from "@/components/FormErrorSummary.tsx";
import { Input } from "@/components/Input.tsx";
import { findPasswordReset, ResetLinkInvalid, resetPassword } from "@/lib/auth/password_reset.ts";
import { ValidationError } from "@/lib/errors.ts";
import { fieldMessages } from "@/lib/scheduling/resource_validation.ts";
import { clientIp } from "@/lib/http/client_ip.ts";
import { define } from "@/lib/http/define.ts";
import { depsOf } from "@/lib/http/deps.ts";
import { readForm } from "@/lib/http/form.ts";
import { writeSessionCookie } from "@/lib/http/session_cookie.ts";
import { writeChallengeCookie } from "@/lib/auth/two_factor_cookie.ts";

export const access: Access = "public";

type Data =
  | { valid: true; token: string; email: string; error?: string }
  | { valid: false };

// 410: the link existed once (or never did); either way it will not work again.
const GONE = { status: 410 };

/**
 * The link from the reset e-mail: opening it only shows the form (mail scanners open links too);
 * sending the form sets the password, ends every other session and signs the person in here.
 */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    const studio = requireStudio(ctx);
    const token = ctx.url.searchParams.get("token") ?? "";
    ctx.hono.header("Cache-Control", "no-store");
    const staff = await findPasswordReset(depsOf(ctx).kv, token, studio.tenant.id);
    return staff
      ? ctx.render({ valid: true, token, email: staff.email })
      : ctx.render({ valid: false }, GONE);
  },
  async POST(ctx) {
    const studio = requireStudio(ctx);
    ctx.hono.header("Cache-Control", "no-store");
    const form = await readForm(ctx.req);
    const token = String(form.get("token") ?? "");
    const { kv, config } = depsOf(ctx);
    try {
      const outcome = await resetPassword(kv, {
        tenantId: studio.tenant.id,
        token,
        password: String(form.get("password") ?? ""),
        ip: clientIp(ctx.hono),
        userAgent: ctx.req.headers.get("user-agent") ?? undefined,
      }, studio.db);
      if (outcome.status === "second_factor") {
        writeChallengeCookie(ctx.hono, config.https, studio.base, outcome.challengeToken);
        return ctx.redirect(`${studio.base}/sign-in/two-factor`);
      }
      writeSessionCookie(ctx.hono, config.https, studio.base, outcome.token);
      return ctx.redirect(`${studio.base}/app`);
    } catch (err) {
      if (err instanceof ResetLinkInvalid) return ctx.render({ valid: false }, GONE);
      if (!(err instanceof ValidationError) || !err.fields.password) throw err;
      const staff = await findPasswordReset(kv, token, studio.tenant.id);
      if (!staff) return ctx.render({ valid: false }, GONE);
      return ctx.render({
        valid: true,
        token,
        email: staff.email,
        error: fieldMessages(err, ctx.state.t).password,
      }, {
        status: 422,
      });
    }
  },
});

export default define.page<typeof handler>(({ data, state }) => {
  const { t } = state;
  const base = state.studio!.base;
  if (!data.valid) {
    return (
      <AuthPanel title={t("auth.reset.invalid.title")}>
        <p class="text-sm text-neutral-700">{t("auth.reset.invalid.body")}</p>
        <div class="mt-4 flex flex-wrap gap-3">
          <Button href={`${base}/forgot-password`}>{t("auth.reset.request_new")}</Button>
          <Button href={`${base}/sign-in`} variant="secondary">{t("auth.back_to_sign_in")}</Button>
        </div>
      </AuthPanel>
    );
  }
  return (
    <AuthPanel title={t("auth.reset.title")}>
      <p class="mb-4 text-sm text-neutral-700">{t("auth.reset.intro", { email: data.email })}</p>
      <FormErrorSummary
        title={t("auth.reset.problem")}
        errors={data.error ? [{ name: "password", message: data.error }] : []}
        class="mb-4"
      />
      <form method="post" class="flex flex-col gap-4">
        <input type="hidden" name="token" value={data.token} />
        {/* Lets password managers file the new password under the right account. */}
        <input type="hidden" name="username" value={data.email} autocomplete="username" />
        <Input
          label={t("auth.reset.new_password")}
          name="password"
          type="password"
          autocomplete="new-password"
          hint={t("auth.sign_up.password_hint")}
          error={data.error}
          required
        />
        <Button type="submit" class="w-full">{t("auth.reset.submit")}</Button>
      </form>
    </AuthPanel>
  );
});

import type { Access } from "@/lib/auth/access.ts";
import { requireStudio } from "@/lib/http/studio.ts";
import { Button } from "@/components/Button.tsx";
import { AuthPanel } from "@/components/AuthPanel.tsx";
import { FormErrorSummary } from "@/components/FormErrorSummary.tsx";
import { Input } from "@/components/Input.tsx";
import { requestPasswordReset } from "@/lib/auth/password_reset.ts";
import { ValidationError } from "@/lib/errors.ts";
import { clientIp } from "@/lib/http/client_ip.ts";
import { define } from "@/lib/http/define.ts";
import { depsOf } from "@/lib/http/deps.ts";
import { readForm } from "@/lib/http/form.ts";
import { studioOrigin } from "@/lib/http/studio_origin.ts";

export const access: Access = "public";

interface Data {
  email: string;
  /** The request was taken: the page says a link went out if the account exists. */
  sent?: boolean;
  invalid?: boolean;
}

/** "Forgot your password?": the same answer whether or not the e-mail has an account here. */
export const handler = define.handlers<Data>({
  GET(ctx) {
    requireStudio(ctx);
    return ctx.render({ email: ctx.url.searchParams.get("email") ?? "" });
  },
  async POST(ctx) {
    const studio = requireStudio(ctx);
    const form = await readForm(ctx.req);
    const email = String(form.get("email") ?? "").trim();
    const { kv, mailer, config } = depsOf(ctx);
    const origin = studioOrigin(ctx.url, config);
    try {
      // The e-mail goes out in the background: waiting for it would tell who has an account.
      await requestPasswordReset(kv, mailer, {
        tenantId: studio.tenant.id,
        studioName: studio.tenant.name,
        email,
        ip: clientIp(ctx.hono),
        userAgent: ctx.req.headers.get("user-agent") ?? undefined,
        locale: ctx.state.locale,
        linkFor: (token) => `${origin}${studio.base}/reset-password?token=${token}`,
      }, studio.db);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return ctx.render({ email, invalid: true }, { status: 422 });
    }
    return ctx.render({ email, sent: true });
  },
});

export default define.page<typeof handler>(({ data, state }) => {
  const { t } = state;
  const base = state.studio!.base;
  const back = (
    <p class="mt-4 text-sm">
      <a href={`${base}/sign-in`} class="text-brand-700 underline focus-ring">{t("auth.back_to_sign_in")}</a>
    </p>
  );
  if (data.sent) {
    return (
      <AuthPanel title={t("auth.forgot.sent.title")}>
        <p role="status" class="text-sm text-neutral-800">{t("auth.forgot.sent", { email: data.email })}</p>
        <p class="mt-2 text-sm text-neutral-700">{t("auth.forgot.sent.spam")}</p>
        {back}
      </AuthPanel>
    );
  }
  const error = data.invalid ? t("auth.forgot.email_missing") : undefined;
  return (
    <AuthPanel title={t("auth.forgot.title")}>
      <p class="mb-4 text-sm text-neutral-700">
        {t("auth.forgot.intro", { studio: state.studio!.tenant.name })}
      </p>
      <FormErrorSummary
        title={t("auth.forgot.problem")}
        errors={error ? [{ name: "email", message: error }] : []}
        class="mb-4"
      />
      <form method="post" class="flex flex-col gap-4">
        <Input
          label={t("auth.email")}
          name="email"
          type="email"
          value={data.email}
          autocomplete="username"
          required
          error={error}
        />
        <Button type="submit" class="w-full">{t("auth.forgot.submit")}</Button>
      </form>
      {back}
    </AuthPanel>
  );
});

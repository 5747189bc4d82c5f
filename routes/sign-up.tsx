import type { Access } from "@/lib/auth/access.ts";
import { Button } from "@/components/Button.tsx";
import { Card } from "@/components/Card.tsx";
import { FormErrorSummary } from "@/components/FormErrorSummary.tsx";
import { Input } from "@/components/Input.tsx";
import { Select } from "@/components/Select.tsx";
import { signUp } from "@/lib/auth/sign_up.ts";
import { ValidationError } from "@/lib/errors.ts";
import { fieldMessages } from "@/lib/scheduling/resource_validation.ts";
import { clientIp } from "@/lib/http/client_ip.ts";
import { define } from "@/lib/http/define.ts";
import { readForm } from "@/lib/http/form.ts";
import { depsOf } from "@/lib/http/deps.ts";
import { countryOptions, currencyOptions, timeZoneOptions } from "@/lib/i18n/choices.ts";
import { studioUrl } from "@/lib/tenancy/studio_url.ts";

export const access: Access = "public";

const FIELDS = [
  "studioName",
  "slug",
  "country",
  "timezone",
  "currency",
  "ownerName",
  "ownerEmail",
] as const;
type Values = Partial<Record<(typeof FIELDS)[number], string>>;

interface Data {
  values: Values;
  errors: Record<string, string>;
  example: string;
}

/** Journey 1: a new studio signs up on the platform's own address. */
export const handler = define.handlers<Data>({
  GET(ctx) {
    // A studio's own address has no sign-up: it already is a studio.
    if (ctx.state.studio) return ctx.redirect(`${ctx.state.studio.base}/app`, 302);
    return ctx.render({ values: {}, errors: {}, example: studioUrl(depsOf(ctx).config, "your-studio") });
  },
  async POST(ctx) {
    if (ctx.state.studio) return ctx.redirect(`${ctx.state.studio.base}/app`);
    const { config, tenancy, mailer } = depsOf(ctx);
    const form = await readForm(ctx.req);
    const values = Object.fromEntries(FIELDS.map((f) => [f, String(form.get(f) ?? "")])) as Required<Values>;
    try {
      const { tenant, handoff } = await signUp(tenancy, {
        ...values,
        ownerPassword: String(form.get("ownerPassword") ?? ""),
        locale: ctx.state.locale,
        ip: clientIp(ctx.hono),
      }, { mailer, config });
      return ctx.redirect(`${studioUrl(config, tenant.slug)}welcome?token=${handoff}`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const errors = fieldMessages(err, ctx.state.t);
      return ctx.render({ values, errors, example: studioUrl(config, "your-studio") }, {
        status: 422,
      });
    }
  },
});

export default define.page<typeof handler>(({ data, state }) => {
  const { t } = state;
  const { values, errors } = data;
  const summary = Object.entries(errors).map(([name, message]) => ({ name, message }));
  return (
    <main id="main" class="mx-auto max-w-2xl px-4 py-10">
      <h1 class="text-3xl font-bold tracking-tight">{t("auth.sign_up.title")}</h1>
      <p class="mt-2 text-neutral-700">{t("auth.sign_up.intro")}</p>
      <FormErrorSummary title={t("auth.sign_up.problem")} errors={summary} class="mt-6" />
      <form method="post" class="mt-6 flex flex-col gap-6">
        <Card title={t("auth.sign_up.studio")}>
          <div class="grid gap-4 sm:grid-cols-2">
            <Input
              label={t("auth.sign_up.studio_name")}
              name="studioName"
              value={values.studioName}
              error={errors.studioName}
              autocomplete="organization"
              required
            />
            <Input
              label={t("auth.sign_up.slug")}
              name="slug"
              value={values.slug}
              error={errors.slug}
              hint={t("auth.sign_up.slug_hint", { example: data.example })}
              autocapitalize="none"
              spellcheck={false}
              required
            />
            <Select
              label={t("auth.sign_up.country")}
              name="country"
              options={countryOptions(state.locale)}
              value={values.country}
              placeholder={t("auth.choose")}
              error={errors.country}
              autocomplete="country"
              required
            />
            <Select
              label={t("auth.sign_up.timezone")}
              name="timezone"
              options={timeZoneOptions()}
              value={values.timezone}
              placeholder={t("auth.choose")}
              error={errors.timezone}
              required
            />
            <Select
              label={t("auth.sign_up.currency")}
              name="currency"
              options={currencyOptions(state.locale)}
              value={values.currency}
              placeholder={t("auth.choose")}
              error={errors.currency}
              required
            />
          </div>
        </Card>
        <Card title={t("auth.sign_up.you")}>
          <div class="grid gap-4 sm:grid-cols-2">
            <Input
              label={t("auth.sign_up.owner_name")}
              name="ownerName"
              value={values.ownerName}
              error={errors.ownerName}
              autocomplete="name"
              required
            />
            <Input
              label={t("auth.email")}
              name="ownerEmail"
              type="email"
              value={values.ownerEmail}
              error={errors.ownerEmail}
              autocomplete="email"
              required
            />
            <Input
              label={t("auth.password")}
              name="ownerPassword"
              type="password"
              error={errors.ownerPassword}
              hint={t("auth.sign_up.password_hint")}
              autocomplete="new-password"
              required
            />
          </div>
        </Card>
        <div>
          <Button type="submit">{t("auth.sign_up.submit")}</Button>
        </div>
      </form>
    </main>
  );
});

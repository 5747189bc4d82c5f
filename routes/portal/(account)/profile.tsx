import { Button } from "@/components/Button.tsx";
import { FormErrorSummary } from "@/components/FormErrorSummary.tsx";
import { Input } from "@/components/Input.tsx";
import { Select } from "@/components/Select.tsx";
import type { ActingAs } from "@/lib/audit/audit.ts";
import type { Access } from "@/lib/auth/access.ts";
import { ClientInputError, isCountryCode, localizedFieldErrors } from "@/lib/clients/client_input.ts";
import { ConflictError, ValidationError } from "@/lib/errors.ts";
import { clientIp } from "@/lib/http/client_ip.ts";
import { type Ctx, define } from "@/lib/http/define.ts";
import { depsOf } from "@/lib/http/deps.ts";
import { readForm } from "@/lib/http/form.ts";
import { type PortalClient, requireClient, startPortalSession } from "@/lib/http/portal_session.ts";
import { requireStudio } from "@/lib/http/studio.ts";
import { studioOrigin } from "@/lib/http/studio_origin.ts";
import { countryOptions } from "@/lib/i18n/choices.ts";
import { isSupportedLocale, type MessageId } from "@/lib/i18n/mod.ts";
import { revokePortalAccountSessions } from "@/lib/kv/portal_sessions.ts";
import { emailChangeLinkMail } from "@/lib/portal/email_change_mail.ts";
import { hasPortalPassword, removePortalPassword, setPortalPassword } from "@/lib/portal/portal_password.ts";
import { languageChoices } from "@/lib/portal/portal_locale.ts";
import {
  clientProfile,
  type Profile,
  type ProfileInput,
  requestEmailChange,
  updateProfile,
} from "@/lib/portal/profile.ts";

export const access: Access = "client";

type Values = Record<keyof Omit<Profile, "version">, string>;

interface Data {
  values: Values;
  version: number;
  email: string;
  hasPassword: boolean;
  /** Field → message, for whichever form was sent. */
  errors: Record<string, string>;
  /** What the last action did, for the notice at the top. */
  notice?: { id: MessageId; email?: string };
  stale?: boolean;
  newEmail?: string;
}

const NOTICES: Record<string, MessageId> = {
  details: "portal_account.profile.saved",
  password_set: "portal_account.password.set",
  password_changed: "portal_account.password.changed",
  password_removed: "portal_account.password.removed",
  email_changed: "portal_account.email.changed",
};

const FIELDS = [
  "name",
  "artistName",
  "phone",
  "addressLine1",
  "addressLine2",
  "postalCode",
  "city",
  "region",
  "country",
  "locale",
] as const;

const valuesOf = (profile: Omit<Profile, "version">): Values =>
  Object.fromEntries(FIELDS.map((f) => [f, profile[f] ?? ""])) as Values;

const actingOf = (ctx: Ctx, client: PortalClient): ActingAs => ({
  actor: { type: "client", id: client.clientId, label: client.email },
  ip: clientIp(ctx.hono),
  userAgent: ctx.req.headers.get("user-agent") ?? undefined,
});

async function pageData(ctx: Ctx, client: PortalClient, extra: Partial<Data> = {}): Promise<Data> {
  const db = requireStudio(ctx).db;
  const [profile, hasPassword] = await Promise.all([
    clientProfile(db, client.clientId),
    hasPortalPassword(db, client.accountId),
  ]);
  return {
    values: valuesOf(profile),
    version: profile.version,
    email: client.email,
    hasPassword,
    errors: {},
    ...extra,
  };
}

/**
 * The client's profile (issue 7): their contact details, their sign-in e-mail (changed only through
 * a link sent to the new address) and an optional password. Every form posts here with an `intent`.
 */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    const client = requireClient(ctx);
    const saved = ctx.url.searchParams.get("saved") ?? "";
    const notice = NOTICES[saved] ? { id: NOTICES[saved], email: client.email } : undefined;
    return ctx.render(await pageData(ctx, client, { notice }));
  },
  async POST(ctx) {
    const studio = requireStudio(ctx);
    const client = requireClient(ctx);
    const form = await readForm(ctx.req);
    const text = (name: string) => String(form.get(name) ?? "");
    const acting = actingOf(ctx, client);
    const here = `${studio.base}/portal/profile`;
    const { t } = ctx.state;
    const { kv, mailer, config } = depsOf(ctx);
    try {
      switch (text("intent")) {
        case "details": {
          const input = Object.fromEntries(FIELDS.map((f) => [f, text(f)])) as ProfileInput;
          await updateProfile(studio.db, client.clientId, input, Number(text("version")), acting);
          return ctx.redirect(`${here}?saved=details`, 303);
        }
        case "email": {
          const newEmail = text("new_email").trim();
          const account = { tenantId: studio.tenant.id, ...client };
          const token = await requestEmailChange(studio.db, kv, account, newEmail);
          if (token) {
            const { values } = await pageData(ctx, client);
            const link = `${studioOrigin(ctx.url, config)}${here}/email?token=${token}`;
            const mailLocale = isSupportedLocale(values.locale) ? values.locale : ctx.state.locale;
            await mailer.send(emailChangeLinkMail(mailLocale, {
              to: newEmail.toLowerCase(),
              name: values.name,
              studio: ctx.state.portal!.brand.name,
              link,
            }));
          }
          return ctx.render(
            await pageData(ctx, client, { notice: { id: "portal_account.email.sent", email: newEmail } }),
          );
        }
        case "password": {
          const { values } = await pageData(ctx, client);
          const outcome = await setPortalPassword(studio.db, client.accountId, {
            password: text("password"),
            confirm: text("confirm"),
            name: values.name,
          }, acting);
          // A new password signs out every other device: whoever else had a session must prove it again.
          await revokePortalAccountSessions(kv, studio.tenant.id, client.accountId);
          await startPortalSession(ctx, { id: client.accountId, clientId: client.clientId });
          return ctx.redirect(`${here}?saved=password_${outcome}`, 303);
        }
        case "remove_password": {
          await removePortalPassword(studio.db, client.accountId, acting);
          return ctx.redirect(`${here}?saved=password_removed`, 303);
        }
        default:
          throw new ClientInputError({ form: { id: "portal.error.form" } });
      }
    } catch (err) {
      if (err instanceof ConflictError) {
        return ctx.render(await pageData(ctx, client, { stale: true }), { status: 409 });
      }
      if (!(err instanceof ValidationError)) throw err;
      const errors = localizedFieldErrors(err, t);
      if (errors.email) {
        errors.new_email = errors.email;
        delete errors.email;
      }
      const data = await pageData(ctx, client, { errors, newEmail: text("new_email") });
      if (text("intent") === "details") {
        data.values = Object.fromEntries(FIELDS.map((f) => [f, text(f)])) as Values;
        data.version = Number(text("version")) || data.version;
      }
      return ctx.render(data, { status: 422 });
    }
  },
});

export default define.page<typeof handler>(({ data, state }) => {
  const { t, locale } = state;
  const { values, errors } = data;
  const labels: Record<string, MessageId> = {
    name: "portal_account.profile.name",
    artistName: "portal_account.profile.artist_name",
    phone: "portal_account.profile.phone",
    addressLine1: "portal_account.profile.address_first",
    addressLine2: "portal_account.profile.address_second",
    postalCode: "portal_account.profile.postal_code",
    city: "portal_account.profile.city",
    region: "portal_account.profile.region",
    country: "portal_account.profile.country",
    locale: "portal_account.profile.locale",
    new_email: "portal_account.email.new",
    password: "portal_account.password.new",
    confirm: "portal_account.password.confirm",
  };
  const summary = Object.entries(errors).map(([name, message]) => ({ name, message }));
  const text = (name: keyof Values, autocomplete: string, type: "text" | "tel" = "text") => (
    <Input
      label={t(labels[name])}
      name={name}
      type={type}
      autocomplete={autocomplete}
      value={values[name]}
      error={errors[name]}
      required={name === "name"}
    />
  );
  return (
    <>
      <h1 class="text-2xl font-semibold">{t("portal_account.profile.title")}</h1>
      {data.notice && (
        <p class="mt-3 rounded-lg border border-line bg-white p-3" role="status">
          {t(data.notice.id, { email: data.notice.email ?? "" })}
        </p>
      )}
      {data.stale && (
        <p class="mt-3 rounded-lg border border-line bg-white p-3" role="alert">
          {t("portal_account.profile.stale")}
        </p>
      )}
      <FormErrorSummary title={t("portal_account.profile.problem")} errors={summary} class="mt-4" />

      <section class="mt-6 rounded-lg border border-line bg-white p-5" aria-labelledby="details-title">
        <h2 id="details-title" class="text-lg font-semibold">{t("portal_account.profile.details")}</h2>
        <form method="post" class="mt-4 flex flex-col gap-4">
          <input type="hidden" name="intent" value="details" />
          <input type="hidden" name="version" value={String(data.version)} />
          {text("name", "name")}
          {text("artistName", "nickname")}
          {text("phone", "tel", "tel")}
          {text("addressLine1", "address-line1")}
          {text("addressLine2", "address-line2")}
          {text("postalCode", "postal-code")}
          {text("city", "address-level2")}
          {text("region", "address-level1")}
          <Select
            label={t("portal_account.profile.country")}
            name="country"
            placeholder={t("portal_account.profile.choose_country")}
            options={countryOptions(locale).filter((c) => isCountryCode(c.value))}
            value={values.country}
            error={errors.country}
          />
          <Select
            label={t("portal_account.profile.locale")}
            name="locale"
            placeholder={t("portal_account.profile.locale_default")}
            options={languageChoices()}
            value={values.locale}
            error={errors.locale}
          />
          <Button type="submit">{t("portal_account.profile.save")}</Button>
        </form>
      </section>

      <section class="mt-6 rounded-lg border border-line bg-white p-5" aria-labelledby="email-title">
        <h2 id="email-title" class="text-lg font-semibold">{t("portal_account.email.title")}</h2>
        <p class="mt-1 text-neutral-700">{t("portal_account.email.current", { email: data.email })}</p>
        <form method="post" class="mt-4 flex flex-col gap-4">
          <input type="hidden" name="intent" value="email" />
          <Input
            label={t("portal_account.email.new")}
            name="new_email"
            type="email"
            autocomplete="email"
            required
            value={data.newEmail ?? ""}
            hint={t("portal_account.email.hint")}
            error={errors.new_email}
          />
          <Button type="submit" variant="secondary">{t("portal_account.email.submit")}</Button>
        </form>
      </section>

      <section class="mt-6 rounded-lg border border-line bg-white p-5" aria-labelledby="password-title">
        <h2 id="password-title" class="text-lg font-semibold">{t("portal_account.password.title")}</h2>
        <p class="mt-1 text-neutral-700">
          {t(data.hasPassword ? "portal_account.password.has" : "portal_account.password.none")}
        </p>
        <form method="post" class="mt-4 flex flex-col gap-4">
          <input type="hidden" name="intent" value="password" />
          <Input
            label={t("portal_account.password.new")}
            name="password"
            type="password"
            autocomplete="new-password"
            required
            hint={t("portal_account.password.hint")}
            error={errors.password}
          />
          <Input
            label={t("portal_account.password.confirm")}
            name="confirm"
            type="password"
            autocomplete="new-password"
            required
            error={errors.confirm}
          />
          <Button type="submit" variant="secondary">
            {t(
              data.hasPassword
                ? "portal_account.password.change_submit"
                : "portal_account.password.set_submit",
            )}
          </Button>
        </form>
        {data.hasPassword && (
          <form method="post" class="mt-3">
            <input type="hidden" name="intent" value="remove_password" />
            <Button type="submit" variant="secondary">{t("portal_account.password.remove")}</Button>
          </form>
        )}
      </section>
    </>
  );
});

import { Checkbox } from "@/components/Checkbox.tsx";
import type { Access } from "@/lib/auth/access.ts";
import { Button } from "@/components/Button.tsx";
import { Card } from "@/components/Card.tsx";
import { ColourField } from "@/components/ColourField.tsx";
import { FormErrorSummary } from "@/components/FormErrorSummary.tsx";
import { Input } from "@/components/Input.tsx";
import { SettingsHeader } from "@/components/SettingsHeader.tsx";
import { Textarea } from "@/components/Textarea.tsx";
import { can, requirePermission } from "@/lib/auth/permissions.ts";
import { ValidationError } from "@/lib/errors.ts";
import { actingAs } from "@/lib/http/acting_as.ts";
import { type Ctx, define } from "@/lib/http/define.ts";
import { depsOf } from "@/lib/http/deps.ts";
import { readForm } from "@/lib/http/form.ts";
import { studioOrigin } from "@/lib/http/studio_origin.ts";
import {
  getPortalSettings,
  MAX_WELCOME_TEXT,
  type PortalSettings,
  updatePortalSettings,
} from "@/lib/portal/portal_settings.ts";

export const access: Access = { permission: "studio.settings" };

const PATH = "/app/settings/portal";

interface Values {
  bookingEnabled: boolean;
  brandColor: string;
  accentColor: string;
  welcomeText: string;
  minNoticeHours: string;
  horizonDays: string;
  holdMinutes: string;
  reminderLeadHours: string;
}

interface Data {
  values: Values;
  errors: Record<string, string>;
  /** Where clients find the portal. */
  portalUrl: string;
  canSeeBilling: boolean;
}

const valuesOf = (s: PortalSettings): Values => ({
  bookingEnabled: s.bookingEnabled,
  brandColor: s.brandColor,
  accentColor: s.accentColor,
  welcomeText: s.welcomeText ?? "",
  minNoticeHours: String(s.minNoticeHours),
  horizonDays: String(s.horizonDays),
  holdMinutes: String(s.holdMinutes),
  reminderLeadHours: String(s.reminderLeadHours),
});

function pageData(ctx: Ctx, values: Values, errors: Record<string, string>): Data {
  const studio = ctx.state.studio!;
  return {
    values,
    errors,
    portalUrl: `${studioOrigin(ctx.url, depsOf(ctx).config)}${studio.base}/portal`,
    canSeeBilling: can(ctx.state.staff!.role, "invoices.view"),
  };
}

/**
 * The client portal's settings: whether clients can book online, its colours and welcome text, and
 * the booking window (notice, horizon, how long an unconfirmed booking holds its slot), and how long
 * before a session its client is reminded.
 */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "studio.settings");
    const settings = await getPortalSettings(ctx.state.studio!.db);
    return ctx.render(pageData(ctx, valuesOf(settings), {}));
  },
  async POST(ctx) {
    requirePermission(ctx.state.staff!.role, "studio.settings");
    const studio = ctx.state.studio!;
    const form = await readForm(ctx.req);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const values: Values = {
      bookingEnabled: form.get("bookingEnabled") === "1",
      brandColor: text("brandColor"),
      accentColor: text("accentColor"),
      welcomeText: text("welcomeText"),
      minNoticeHours: text("minNoticeHours"),
      horizonDays: text("horizonDays"),
      holdMinutes: text("holdMinutes"),
      reminderLeadHours: text("reminderLeadHours"),
    };
    try {
      await updatePortalSettings(studio.db, values, actingAs(ctx));
      return ctx.redirect(`${studio.base}${PATH}?saved=1`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return ctx.render(pageData(ctx, values, err.fields), { status: 422 });
    }
  },
});

export default define.page<typeof handler>(({ data, state, url }) => {
  const { t } = state;
  const studio = state.studio!;
  const { values, errors } = data;
  const summary = Object.entries(errors).map(([name, message]) => ({ name, message }));
  return (
    <>
      <SettingsHeader
        state={state}
        url={url}
        title={t("portal_settings.title")}
        intro={t("portal_settings.intro")}
        notice={url.searchParams.get("saved") ? t("portal_settings.saved") : undefined}
      />
      <Card title={t("portal_settings.address")} class="mt-6">
        <p class="text-sm">{t("portal_settings.address_hint")}</p>
        <p class="mt-2 break-all font-mono text-sm">
          <a href={data.portalUrl} class="underline" data-testid="portal-url">{data.portalUrl}</a>
        </p>
      </Card>
      <FormErrorSummary title={t("form.error.summary")} errors={summary} class="mt-6" />
      <form method="post" class="mt-6 flex flex-col gap-6">
        <Card title={t("portal_settings.booking")}>
          <div class="grid gap-4 sm:grid-cols-3">
            <Checkbox
              label={t("portal_settings.booking_enabled")}
              name="bookingEnabled"
              checked={values.bookingEnabled}
              hint={t("portal_settings.booking_enabled_hint")}
              class="sm:col-span-3"
            />
            <Input
              label={t("portal_settings.min_notice")}
              name="minNoticeHours"
              type="number"
              min={0}
              max={8760}
              value={values.minNoticeHours}
              error={errors.minNoticeHours}
              hint={t("portal_settings.min_notice_hint")}
              required
            />
            <Input
              label={t("portal_settings.horizon")}
              name="horizonDays"
              type="number"
              min={1}
              max={730}
              value={values.horizonDays}
              error={errors.horizonDays}
              hint={t("portal_settings.horizon_hint")}
              required
            />
            <Input
              label={t("portal_settings.hold")}
              name="holdMinutes"
              type="number"
              min={5}
              max={10080}
              value={values.holdMinutes}
              error={errors.holdMinutes}
              hint={t("portal_settings.hold_hint")}
              required
            />
            <Input
              label={t("portal_settings.reminder_lead")}
              name="reminderLeadHours"
              type="number"
              min={1}
              max={336}
              value={values.reminderLeadHours}
              error={errors.reminderLeadHours}
              hint={t("portal_settings.reminder_lead_hint")}
              required
            />
          </div>
        </Card>
        <Card title={t("portal_settings.look")}>
          <div class="grid gap-4 sm:grid-cols-2">
            <ColourField
              label={t("portal_settings.brand_color")}
              name="brandColor"
              value={values.brandColor}
              error={errors.brandColor}
              hint={t("portal_settings.brand_color_hint")}
            />
            <ColourField
              label={t("portal_settings.accent_color")}
              name="accentColor"
              value={values.accentColor}
              error={errors.accentColor}
              hint={t("portal_settings.accent_color_hint")}
            />
            <Textarea
              label={t("portal_settings.welcome_text")}
              name="welcomeText"
              value={values.welcomeText}
              error={errors.welcomeText}
              hint={t("portal_settings.welcome_text_hint", { max: MAX_WELCOME_TEXT })}
              rows={4}
              maxlength={MAX_WELCOME_TEXT}
              class="sm:col-span-2"
            />
            <p class="text-sm text-ink-muted sm:col-span-2">
              {t("portal_settings.logo_hint")}{" "}
              {data.canSeeBilling && (
                <a href={`${studio.base}/app/settings/billing`} class="underline">
                  {t("portal_settings.logo_link")}
                </a>
              )}
            </p>
          </div>
        </Card>
        <div>
          <Button type="submit">{t("common.save")}</Button>
        </div>
      </form>
    </>
  );
});

import { Checkbox } from "@/components/Checkbox.tsx";
import type { Access } from "@/lib/auth/access.ts";
import { Button } from "@/components/Button.tsx";
import { Card } from "@/components/Card.tsx";
import { FormErrorSummary } from "@/components/FormErrorSummary.tsx";
import { Input } from "@/components/Input.tsx";
import { Select } from "@/components/Select.tsx";
import { SettingsHeader } from "@/components/SettingsHeader.tsx";
import { Textarea } from "@/components/Textarea.tsx";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { getSsoSettings, JIT_ROLES, saveSsoSettings, type SsoForm } from "@/lib/auth/sso_settings.ts";
import { secretBoxFor } from "@/lib/crypto/secret_box.ts";
import { ValidationError } from "@/lib/errors.ts";
import { actingAs } from "@/lib/http/acting_as.ts";
import { type Ctx, define } from "@/lib/http/define.ts";
import { depsOf } from "@/lib/http/deps.ts";
import { readForm } from "@/lib/http/form.ts";
import { studioOrigin } from "@/lib/http/studio_origin.ts";
import { SSO_PRESETS, type SsoPreset } from "@/lib/kv/sso_config.ts";
import type { MessageId } from "@/lib/i18n/mod.ts";

/** Owners only: who may sign in through the provider decides who joins the team. */
export const access: Access = { permission: "members.manage" };

const PATH = "/app/settings/sso";
/** Empty mapping rows offered below the saved ones (save to get more). */
const BLANK_MAPPING_ROWS = 3;

const PRESET_LABEL: Record<SsoPreset, MessageId> = {
  okta: "sso_settings.preset.okta",
  entra: "sso_settings.preset.entra",
  google: "sso_settings.preset.google",
  auth0: "sso_settings.preset.auth_zero",
  generic: "sso_settings.preset.generic",
};

type Values = Omit<SsoForm, "clientSecret">;

interface Data {
  values: Values;
  errors: Record<string, string>;
  secretSet: boolean;
  /** The issuer the saved settings use ("" before the first save). */
  issuer: string;
  redirectUri: string;
}

function pageData(
  ctx: Ctx,
  values: Values,
  errors: Record<string, string>,
  saved: { secretSet: boolean; issuer: string },
): Data {
  const studio = ctx.state.studio!;
  return {
    values,
    errors,
    ...saved,
    redirectUri: `${studioOrigin(ctx.url, depsOf(ctx).config)}${studio.base}/sign-in/sso/callback`,
  };
}

/**
 * The studio's single sign-on (lib/auth/sso_settings.ts): provider, client, allowed domains, the
 * role of newcomers, and whether password sign-in is refused to members other than owners.
 */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "members.manage");
    const { kv } = depsOf(ctx);
    const view = await getSsoSettings(kv, ctx.state.studio!.tenant.id);
    const values: Values = {
      enabled: view.enabled,
      preset: view.preset,
      providerDetail: view.providerDetail,
      clientId: view.clientId,
      allowedDomains: view.allowedDomains.join("\n"),
      defaultRole: view.defaultRole,
      ssoOnly: view.ssoOnly,
      groupsClaim: view.groupsClaim,
      roleMappings: view.roleMappings,
    };
    return ctx.render(pageData(ctx, values, {}, view));
  },
  async POST(ctx) {
    requirePermission(ctx.state.staff!.role, "members.manage");
    const studio = ctx.state.studio!;
    const { kv, config } = depsOf(ctx);
    const form = await readForm(ctx.req);
    const text = (name: string) => String(form.get(name) ?? "");
    const values: Values = {
      enabled: form.get("enabled") === "1",
      preset: text("preset"),
      providerDetail: text("providerDetail").trim(),
      clientId: text("clientId").trim(),
      allowedDomains: text("allowedDomains"),
      defaultRole: text("defaultRole"),
      ssoOnly: form.get("ssoOnly") === "1",
      groupsClaim: text("groupsClaim"),
      roleMappings: mappingRows(form),
    };
    try {
      await saveSsoSettings(kv, await secretBoxFor(config.secretsKeys), {
        tenantId: studio.tenant.id,
        form: { ...values, clientSecret: text("clientSecret") },
        acting: actingAs(ctx),
        audit: studio.db,
        allowLoopback: config.ssoAllowPrivateIssuers,
      });
      return ctx.redirect(`${studio.base}${PATH}?saved=1`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const saved = await getSsoSettings(kv, studio.tenant.id);
      return ctx.render(pageData(ctx, values, err.fields, saved), { status: 422 });
    }
  },
});

/** The mapping rows of the form, in order (`mappingGroup` and `mappingRole` repeated side by side). */
function mappingRows(form: FormData): { group: string; role: string }[] {
  const groups = form.getAll("mappingGroup").map(String);
  const roles = form.getAll("mappingRole").map(String);
  return Array.from({ length: Math.max(groups.length, roles.length) }, (_, i) => ({
    group: groups[i] ?? "",
    role: roles[i] ?? "",
  }));
}

export default define.page<typeof handler>(({ data, state, url }) => {
  const { t } = state;
  const { values, errors } = data;
  const summary = Object.entries(errors).map(([name, message]) => ({ name, message }));
  const checkbox = (name: "enabled" | "ssoOnly", label: string, hint: string) => (
    <Checkbox
      label={label}
      name={name}
      checked={values[name]}
      hint={hint}
      error={errors[name]}
      class="sm:col-span-2"
    />
  );
  return (
    <>
      <SettingsHeader
        state={state}
        url={url}
        title={t("sso_settings.title")}
        intro={t("sso_settings.intro")}
        notice={url.searchParams.get("saved") ? t("sso_settings.saved") : undefined}
      />
      <FormErrorSummary title={t("form.error.summary")} errors={summary} class="mt-6" />
      <form method="post" class="mt-6 flex flex-col gap-6" autocomplete="off">
        <Card title={t("sso_settings.provider")}>
          <div class="grid gap-4 sm:grid-cols-2">
            <Select
              label={t("sso_settings.preset")}
              name="preset"
              value={values.preset}
              error={errors.preset}
              options={SSO_PRESETS.map((preset) => ({
                value: preset,
                label: t(PRESET_LABEL[preset]),
              }))}
              required
            />
            <Input
              label={t("sso_settings.provider_detail")}
              name="providerDetail"
              value={values.providerDetail}
              error={errors.providerDetail}
              hint={t("sso_settings.provider_detail_hint")}
            />
            {data.issuer && (
              <p class="break-all text-sm text-ink-muted sm:col-span-2" data-testid="sso-issuer">
                {t("sso_settings.issuer", { issuer: data.issuer })}
              </p>
            )}
            <div class="flex flex-col gap-1 sm:col-span-2">
              <p class="text-sm font-medium text-ink">{t("sso_settings.redirect_uri")}</p>
              <p class="break-all font-mono text-sm" data-testid="sso-redirect-uri">{data.redirectUri}</p>
              <p class="text-sm text-ink-muted">{t("sso_settings.redirect_uri_hint")}</p>
            </div>
            <Input
              label={t("sso_settings.client_id")}
              name="clientId"
              value={values.clientId}
              error={errors.clientId}
            />
            <Input
              label={t("sso_settings.client_secret")}
              name="clientSecret"
              type="password"
              autocomplete="new-password"
              error={errors.clientSecret}
              hint={t(data.secretSet ? "sso_settings.client_secret_set" : "sso_settings.client_secret_unset")}
            />
          </div>
        </Card>
        <Card title={t("sso_settings.access")}>
          <div class="grid gap-4 sm:grid-cols-2">
            <Textarea
              label={t("sso_settings.allowed_domains")}
              name="allowedDomains"
              value={values.allowedDomains}
              error={errors.allowedDomains}
              hint={t("sso_settings.allowed_domains_hint")}
              rows={3}
            />
            <Select
              label={t("sso_settings.default_role")}
              name="defaultRole"
              value={values.defaultRole}
              error={errors.defaultRole}
              hint={t("sso_settings.default_role_hint")}
              options={JIT_ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }))}
              required
            />
            {checkbox("enabled", t("sso_settings.enabled"), t("sso_settings.enabled_hint"))}
            {checkbox("ssoOnly", t("sso_settings.sso_only"), t("sso_settings.sso_only_hint"))}
          </div>
        </Card>
        <Card title={t("sso_settings.groups.title")}>
          <p class="text-sm text-ink-muted">{t("sso_settings.groups.intro")}</p>
          <div class="mt-4 grid gap-4 sm:grid-cols-2">
            <Input
              label={t("sso_settings.groups.claim")}
              name="groupsClaim"
              value={values.groupsClaim}
              error={errors.groupsClaim}
              hint={t("sso_settings.groups.claim_hint")}
              spellcheck={false}
            />
          </div>
          <fieldset
            class="mt-4"
            aria-describedby={errors.roleMappings ? "field-roleMappings-error" : undefined}
          >
            <legend class="text-sm font-medium text-ink">{t("sso_settings.groups.mappings")}</legend>
            <p class="text-sm text-ink-muted">{t("sso_settings.groups.mappings_hint")}</p>
            {errors.roleMappings && (
              <p id="field-roleMappings" class="mt-2 text-sm text-danger-700" tabindex={-1}>
                <span id="field-roleMappings-error">{errors.roleMappings}</span>
              </p>
            )}
            <ol class="mt-3 flex flex-col gap-3">
              {[...(values.roleMappings ?? []), ...Array(BLANK_MAPPING_ROWS).fill({ group: "", role: "" })]
                .map(
                  (row: { group: string; role: string }, i) => (
                    <li class="grid gap-3 sm:grid-cols-[1fr_14rem]" data-testid="sso-mapping">
                      <Input
                        id={`mapping-group-${i}`}
                        label={t("sso_settings.groups.group", { n: i + 1 })}
                        name="mappingGroup"
                        value={row.group}
                        spellcheck={false}
                      />
                      <Select
                        id={`mapping-role-${i}`}
                        label={t("sso_settings.groups.role", { n: i + 1 })}
                        name="mappingRole"
                        value={row.role}
                        placeholder={t("sso_settings.groups.no_role")}
                        options={JIT_ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }))}
                      />
                    </li>
                  ),
                )}
            </ol>
          </fieldset>
        </Card>
        <div>
          <Button type="submit">{t("common.save")}</Button>
        </div>
      </form>
    </>
  );
});

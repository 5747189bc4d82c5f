import { Button } from "@/components/Button.tsx";
import { Card } from "@/components/Card.tsx";
import { Checkbox } from "@/components/Checkbox.tsx";
import { FormErrorSummary } from "@/components/FormErrorSummary.tsx";
import { SettingsHeader } from "@/components/SettingsHeader.tsx";
import type { Access } from "@/lib/auth/access.ts";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { membersWithoutTwoFactor, setTwoFactorRequired } from "@/lib/auth/require_two_factor.ts";
import { ValidationError } from "@/lib/errors.ts";
import { actingAs } from "@/lib/http/acting_as.ts";
import { type Ctx, define } from "@/lib/http/define.ts";
import { depsOf } from "@/lib/http/deps.ts";
import { readForm } from "@/lib/http/form.ts";
import { requiresTwoFactor } from "@/lib/kv/studio_security.ts";

/** Owners only: the rule decides how every member signs in. */
export const access: Access = { permission: "members.manage" };

const PATH = "/app/settings/security";

interface Data {
  requireTwoFactor: boolean;
  /** Members who have not turned two-factor authentication on. */
  withoutTwoFactor: number;
  errors: Record<string, string>;
}

async function pageData(ctx: Ctx, errors: Record<string, string> = {}): Promise<Data> {
  const { kv } = depsOf(ctx);
  const tenantId = ctx.state.studio!.tenant.id;
  const [requireTwoFactor, withoutTwoFactor] = await Promise.all([
    requiresTwoFactor(kv, tenantId),
    membersWithoutTwoFactor(kv, tenantId),
  ]);
  return { requireTwoFactor, withoutTwoFactor, errors };
}

/**
 * The studio's security rules (lib/auth/require_two_factor.ts): whether every member must have
 * two-factor authentication, and how many have not set it up yet. Changes are audited.
 */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "members.manage");
    return ctx.render(await pageData(ctx));
  },
  async POST(ctx) {
    requirePermission(ctx.state.staff!.role, "members.manage");
    const studio = ctx.state.studio!;
    const form = await readForm(ctx.req);
    try {
      await setTwoFactorRequired(depsOf(ctx).kv, {
        tenantId: studio.tenant.id,
        required: form.get("requireTwoFactor") === "1",
        acting: actingAs(ctx),
        audit: studio.db,
      });
      return ctx.redirect(`${studio.base}${PATH}?saved=1`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return ctx.render(await pageData(ctx, err.fields), { status: 422 });
    }
  },
});

export default define.page<typeof handler>(({ data, state, url }) => {
  const { t } = state;
  const summary = Object.entries(data.errors).map(([name, message]) => ({ name, message }));
  return (
    <>
      <SettingsHeader
        state={state}
        url={url}
        title={t("security_settings.title")}
        intro={t("security_settings.intro")}
        notice={url.searchParams.get("saved") ? t("security_settings.saved") : undefined}
      />
      <FormErrorSummary title={t("form.error.summary")} errors={summary} class="mt-6" />
      <form method="post" class="mt-6 flex flex-col gap-6">
        <Card title={t("security_settings.two_factor")}>
          <div class="flex flex-col gap-4">
            <p class="text-sm text-ink" data-testid="members-without-two-factor">
              {t("security_settings.members_without", { count: data.withoutTwoFactor })}
            </p>
            <Checkbox
              label={t("security_settings.require_two_factor")}
              name="requireTwoFactor"
              checked={data.requireTwoFactor}
              hint={t("security_settings.require_two_factor_hint")}
              error={data.errors.requireTwoFactor}
            />
            <p class="text-sm text-ink-muted">{t("security_settings.sso_note")}</p>
          </div>
        </Card>
        <div>
          <Button type="submit">{t("common.save")}</Button>
        </div>
      </form>
    </>
  );
});

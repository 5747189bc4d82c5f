import type { Access } from "@/lib/auth/access.ts";
import { NewResourceForm } from "@/components/ResourcePage.tsx";
import { EngineerFields } from "@/components/EngineerFields.tsx";
import { errorSummary } from "@/components/WeeklyHoursFields.tsx";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { ValidationError } from "@/lib/errors.ts";
import { actingAs } from "@/lib/http/acting_as.ts";
import { define } from "@/lib/http/define.ts";
import { depsOf } from "@/lib/http/deps.ts";
import { readForm } from "@/lib/http/form.ts";
import {
  createEngineer,
  ENGINEER_DEFAULTS,
  type LinkableStaff,
  linkableStaff,
  studioStaff,
} from "@/lib/scheduling/engineers.ts";
import { engineerFromForm, engineerValues, submittedValues } from "@/lib/scheduling/resource_forms.ts";
import { fieldMessages } from "@/lib/scheduling/resource_validation.ts";

export const access: Access = { permission: "rooms.manage" };

interface Data {
  values: Record<string, string>;
  errors: Record<string, string>;
  staff: LinkableStaff[];
}

/** Journey 5: a new engineer with working hours, rates and, optionally, their staff account. */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "rooms.manage");
    const studio = ctx.state.studio!;
    const where = { currency: studio.tenant.currency, locale: ctx.state.locale };
    return ctx.render({
      values: engineerValues({ name: "", ...ENGINEER_DEFAULTS }, where),
      errors: {},
      staff: await linkableStaff(depsOf(ctx).kv, studio.tenant.id),
    });
  },
  async POST(ctx) {
    requirePermission(ctx.state.staff!.role, "rooms.manage");
    const studio = ctx.state.studio!;
    const { kv } = depsOf(ctx);
    const form = await readForm(ctx.req);
    try {
      const input = engineerFromForm(form, { currency: studio.tenant.currency, locale: ctx.state.locale });
      const engineer = await createEngineer(
        studio.db,
        input,
        actingAs(ctx),
        studioStaff(kv, studio.tenant.id),
      );
      return ctx.redirect(`${studio.base}/app/engineers/${engineer.id}?saved=created`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return ctx.render({
        values: submittedValues(form),
        errors: fieldMessages(err, ctx.state.t),
        staff: await linkableStaff(kv, studio.tenant.id),
      }, { status: 422 });
    }
  },
});

export default define.page<typeof handler>(({ data, state }) => {
  const { t } = state;
  const studio = state.studio!;
  return (
    <NewResourceForm
      title={t("engineers.new_title")}
      intro={t("engineers.new_intro")}
      errors={errorSummary(data.errors, t, state.locale)}
      createLabel={t("engineers.create")}
      listHref={`${studio.base}/app/engineers`}
      t={t}
    >
      <EngineerFields
        values={data.values}
        errors={data.errors}
        currency={studio.tenant.currency}
        staff={data.staff}
        t={t}
        locale={state.locale}
      />
    </NewResourceForm>
  );
});

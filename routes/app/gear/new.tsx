import type { Access } from "@/lib/auth/access.ts";
import { NewResourceForm } from "@/components/ResourcePage.tsx";
import { GearFields } from "@/components/GearFields.tsx";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { ValidationError } from "@/lib/errors.ts";
import { actingAs } from "@/lib/http/acting_as.ts";
import { define } from "@/lib/http/define.ts";
import { readForm } from "@/lib/http/form.ts";
import { createGear, GEAR_DEFAULTS } from "@/lib/scheduling/gear.ts";
import { gearFromForm, gearValues, submittedValues } from "@/lib/scheduling/resource_forms.ts";
import { fieldMessages } from "@/lib/scheduling/resource_validation.ts";

export const access: Access = { permission: "rooms.manage" };

interface Data {
  values: Record<string, string>;
  errors: Record<string, string>;
}

/** Journey 5: a new gear item with its units and add-on fee. */
export const handler = define.handlers<Data>({
  GET(ctx) {
    requirePermission(ctx.state.staff!.role, "rooms.manage");
    const where = { currency: ctx.state.studio!.tenant.currency, locale: ctx.state.locale };
    return ctx.render({ values: gearValues({ name: "", ...GEAR_DEFAULTS }, where), errors: {} });
  },
  async POST(ctx) {
    requirePermission(ctx.state.staff!.role, "rooms.manage");
    const studio = ctx.state.studio!;
    const form = await readForm(ctx.req);
    try {
      const input = gearFromForm(form, { currency: studio.tenant.currency, locale: ctx.state.locale });
      await createGear(studio.db, input, actingAs(ctx));
      return ctx.redirect(`${studio.base}/app/gear?saved=created`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return ctx.render(
        { values: submittedValues(form), errors: fieldMessages(err, ctx.state.t) },
        { status: 422 },
      );
    }
  },
});

export default define.page<typeof handler>(({ data, state }) => {
  const { t } = state;
  const studio = state.studio!;
  return (
    <NewResourceForm
      title={t("gear.new_title")}
      intro={t("gear.new_intro")}
      errors={Object.entries(data.errors).map(([name, message]) => ({ name, message }))}
      createLabel={t("gear.create")}
      listHref={`${studio.base}/app/gear`}
      t={t}
    >
      <GearFields values={data.values} errors={data.errors} currency={studio.tenant.currency} t={t} />
    </NewResourceForm>
  );
});

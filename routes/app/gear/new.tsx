import type { Access } from "@/lib/auth/access.ts";
import { Button } from "@/components/Button.tsx";
import { FormErrorSummary } from "@/components/FormErrorSummary.tsx";
import { GearFields } from "@/components/GearFields.tsx";
import { PageHeader } from "@/components/PageHeader.tsx";
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
  const summary = Object.entries(data.errors).map(([name, message]) => ({ name, message }));
  return (
    <>
      <PageHeader title={t("gear.new_title")} description={t("gear.new_intro")} class="mb-6" />
      <FormErrorSummary title={t("form.error.summary")} errors={summary} class="mb-6" />
      <form method="post" class="flex flex-col gap-6">
        <GearFields values={data.values} errors={data.errors} currency={studio.tenant.currency} t={t} />
        <div class="flex gap-3">
          <Button type="submit">{t("gear.create")}</Button>
          <Button href={`${studio.base}/app/gear`} variant="ghost">{t("common.cancel")}</Button>
        </div>
      </form>
    </>
  );
});

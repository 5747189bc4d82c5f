import type { Access } from "@/lib/auth/access.ts";
import { Button } from "@/components/Button.tsx";
import { ClientFields } from "@/components/ClientFields.tsx";
import { FormErrorSummary } from "@/components/FormErrorSummary.tsx";
import { PageHeader } from "@/components/PageHeader.tsx";
import { requirePermission } from "@/lib/auth/permissions.ts";
import {
  type ClientFormValues,
  clientValues,
  emptyContact,
  errorsOnRows,
  formValues,
  inputFromValues,
} from "@/lib/clients/client_form.ts";
import { localizedFieldErrors } from "@/lib/clients/client_input.ts";
import { createClient } from "@/lib/clients/clients.ts";
import { ValidationError } from "@/lib/errors.ts";
import { actingAs } from "@/lib/http/acting_as.ts";
import { define } from "@/lib/http/define.ts";
import { readForm } from "@/lib/http/form.ts";

export const access: Access = { permission: "clients.manage" };

interface Data {
  values: ClientFormValues;
  errors: Record<string, string>;
}

/** Journey 6: a new client (an artist, a band, or a company with its contacts). */
export const handler = define.handlers<Data>({
  GET(ctx) {
    requirePermission(ctx.state.staff!.role, "clients.manage");
    return ctx.render({ values: clientValues(null, 2), errors: {} });
  },
  async POST(ctx) {
    requirePermission(ctx.state.staff!.role, "clients.manage");
    const studio = ctx.state.studio!;
    const form = await readForm(ctx.req);
    const values = formValues(form);
    if (form.get("intent") === "add_contact") {
      return ctx.render({
        values: { ...values, contacts: [...values.contacts, emptyContact()] },
        errors: {},
      });
    }
    const { input, rowOf } = inputFromValues(values);
    try {
      const client = await createClient(studio.db, input, actingAs(ctx));
      return ctx.redirect(`${studio.base}/app/clients/${client.id}?saved=created`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const errors = errorsOnRows(localizedFieldErrors(err, ctx.state.t), rowOf);
      return ctx.render({ values, errors }, { status: 422 });
    }
  },
});

export default define.page<typeof handler>(({ data, state }) => {
  const { t } = state;
  const base = `${state.studio!.base}/app/clients`;
  const summary = Object.entries(data.errors).map(([name, message]) => ({ name, message }));
  return (
    <>
      <PageHeader title={t("clients.new.title")} description={t("clients.new.intro")} class="mb-6" />
      <FormErrorSummary title={t("clients.form.problem")} errors={summary} class="mb-6" />
      <form method="post" class="flex flex-col gap-6">
        {/* Enter in a field submits with the form's first button: this one, not "Add another contact". */}
        <button type="submit" hidden tabindex={-1} />
        <ClientFields values={data.values} errors={data.errors} t={t} locale={state.locale} />
        <div class="flex gap-3">
          <Button type="submit">{t("clients.form.create")}</Button>
          <Button href={base} variant="ghost">{t("common.cancel")}</Button>
        </div>
      </form>
    </>
  );
});

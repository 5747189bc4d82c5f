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
import { getClient, updateClient } from "@/lib/clients/clients.ts";
import { ConflictError, ValidationError } from "@/lib/errors.ts";
import { actingAs } from "@/lib/http/acting_as.ts";
import { define } from "@/lib/http/define.ts";
import { readForm } from "@/lib/http/form.ts";

export const access: Access = { permission: "clients.manage" };

interface Data {
  name: string;
  version: number;
  values: ClientFormValues;
  errors: Record<string, string>;
  /** Someone else saved the client since this form was opened. */
  stale?: boolean;
}

/**
 * Edits a client and its contacts. The form carries the version it was opened at: when someone else
 * saved in between, it comes back with the typed values and the newer version, so saving again is a
 * choice made knowing.
 */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "clients.manage");
    const client = await getClient(ctx.state.studio!.db, ctx.params.id);
    return ctx.render({
      name: client.name,
      version: client.version,
      values: clientValues(client, 1),
      errors: {},
    });
  },
  async POST(ctx) {
    requirePermission(ctx.state.staff!.role, "clients.manage");
    const studio = ctx.state.studio!;
    const form = await readForm(ctx.req);
    const client = await getClient(studio.db, ctx.params.id);
    const values = formValues(form);
    const version = Number(form.get("version"));
    const again = (extra: Partial<Data>, status: number) =>
      ctx.render({ name: client.name, version, values, errors: {}, ...extra }, { status });
    if (form.get("intent") === "add_contact") {
      return again({ values: { ...values, contacts: [...values.contacts, emptyContact()] } }, 200);
    }
    const { input, rowOf } = inputFromValues(values);
    try {
      await updateClient(studio.db, client.id, input, version, actingAs(ctx));
      return ctx.redirect(`${studio.base}/app/clients/${client.id}?saved=saved`);
    } catch (err) {
      if (err instanceof ConflictError) {
        // Contacts someone else removed meanwhile come back as new ones if this version is saved.
        const current = await getClient(studio.db, client.id);
        const known = new Set(current.contacts.map((c) => c.id));
        const contacts = values.contacts.map((c) => known.has(c.id) ? c : { ...c, id: "" });
        return again({ version: current.version, values: { ...values, contacts }, stale: true }, 409);
      }
      if (!(err instanceof ValidationError)) throw err;
      return again({ errors: errorsOnRows(localizedFieldErrors(err, ctx.state.t), rowOf) }, 422);
    }
  },
});

export default define.page<typeof handler>(({ data, state, params }) => {
  const { t } = state;
  const hub = `${state.studio!.base}/app/clients/${params.id}`;
  const summary = Object.entries(data.errors).map(([name, message]) => ({ name, message }));
  return (
    <>
      <PageHeader title={t("clients.edit.title", { name: data.name })} class="mb-6" />
      {data.stale && (
        <p
          role="alert"
          class="mb-6 rounded-lg border-2 border-warning-600 bg-warning-50 p-4 text-sm text-warning-800"
        >
          {t("clients.error.stale")}
        </p>
      )}
      <FormErrorSummary title={t("clients.form.problem")} errors={summary} class="mb-6" />
      <form method="post" class="flex flex-col gap-6">
        {/* Enter in a field submits with the form's first button: this one, not "Add another contact". */}
        <button type="submit" hidden tabindex={-1} />
        <input type="hidden" name="version" value={data.version} />
        <ClientFields values={data.values} errors={data.errors} t={t} locale={state.locale} />
        <div class="flex gap-3">
          <Button type="submit">{t("clients.form.save")}</Button>
          <Button href={hub} variant="ghost">{t("common.cancel")}</Button>
        </div>
      </form>
    </>
  );
});

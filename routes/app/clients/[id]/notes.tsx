import type { Access } from "@/lib/auth/access.ts";
import { Button } from "@/components/Button.tsx";
import { PageHeader } from "@/components/PageHeader.tsx";
import { Textarea } from "@/components/Textarea.tsx";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { localizedFieldErrors } from "@/lib/clients/client_input.ts";
import { addClientNote, getClient } from "@/lib/clients/clients.ts";
import { ValidationError } from "@/lib/errors.ts";
import { actingAs } from "@/lib/http/acting_as.ts";
import { define } from "@/lib/http/define.ts";
import { readForm } from "@/lib/http/form.ts";

export const access: Access = { permission: "clients.manage" };

interface Data {
  name: string;
  body: string;
  error?: string;
}

/**
 * Adds a note to a client's history. The client's page posts here and is shown again with the note;
 * this page itself appears only to explain a refused note beside its field.
 */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "clients.manage");
    const client = await getClient(ctx.state.studio!.db, ctx.params.id);
    return ctx.render({ name: client.name, body: "" });
  },
  async POST(ctx) {
    requirePermission(ctx.state.staff!.role, "clients.manage");
    const studio = ctx.state.studio!;
    const form = await readForm(ctx.req);
    const client = await getClient(studio.db, ctx.params.id);
    const body = String(form.get("body") ?? "");
    try {
      await addClientNote(studio.db, client.id, { body }, actingAs(ctx));
      return ctx.redirect(`${studio.base}/app/clients/${client.id}?saved=note#notes`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const error = localizedFieldErrors(err, ctx.state.t).body;
      return ctx.render({ name: client.name, body, error }, { status: 422 });
    }
  },
});

export default define.page<typeof handler>(({ data, state, params }) => {
  const { t } = state;
  const hub = `${state.studio!.base}/app/clients/${params.id}`;
  return (
    <>
      <PageHeader title={t("clients.notes.title", { name: data.name })} class="mb-6" />
      <form method="post" class="flex max-w-2xl flex-col gap-4">
        <Textarea
          label={t("clients.hub.note_label")}
          name="body"
          value={data.body}
          error={data.error}
          rows={5}
          required
          autofocus
        />
        <div class="flex gap-3">
          <Button type="submit">{t("clients.hub.note_submit")}</Button>
          <Button href={hub} variant="ghost">{t("common.cancel")}</Button>
        </div>
      </form>
    </>
  );
});

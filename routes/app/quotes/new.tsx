import type { Access } from "@/lib/auth/access.ts";
import { DocumentEditor, type EditorData } from "@/components/DocumentEditor.tsx";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { editorChoices, editorTotals, formCurrency, submitEditor } from "@/lib/billing/document_editor.ts";
import { documentValues } from "@/lib/billing/document_form.ts";
import { actingAs } from "@/lib/http/acting_as.ts";
import { define } from "@/lib/http/define.ts";
import { readForm } from "@/lib/http/form.ts";

export const access: Access = { permission: "quotes.manage" };

/** A new draft quote. */
export const handler = define.handlers<EditorData>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "quotes.manage");
    const choices = await editorChoices(ctx.state.studio!.db);
    const values = documentValues(null, {
      locale: ctx.state.locale,
      defaultTaxRateIds: choices.settings.defaultTaxRateIds,
    });
    values.clientId = ctx.url.searchParams.get("client") ?? "";
    return ctx.render({ values, errors: {}, choices, currency: formCurrency(values, choices), totals: null });
  },
  async POST(ctx) {
    requirePermission(ctx.state.staff!.role, "quotes.manage");
    const studio = ctx.state.studio!;
    const choices = await editorChoices(studio.db);
    const outcome = await submitEditor(studio.db, await readForm(ctx.req), {
      kind: "quote",
      choices,
      locale: ctx.state.locale,
      acting: actingAs(ctx),
    });
    if ("saved" in outcome) {
      return ctx.redirect(`${studio.base}/app/quotes/${outcome.saved.id}?saved=created`);
    }
    const { values, errors, status } = outcome;
    const currency = formCurrency(values, choices);
    return ctx.render({
      values,
      errors,
      choices,
      currency,
      totals: editorTotals(values, choices, ctx.state.locale),
    }, {
      status,
    });
  },
});

export default define.page<typeof handler>(({ data, state }) => (
  <DocumentEditor
    kind="quote"
    title={state.t("quotes.new.title")}
    intro={state.t("quotes.new.intro")}
    data={data}
    submitLabel={state.t("billing.form.create")}
    cancelHref={`${state.studio!.base}/app/quotes`}
    t={state.t}
    locale={state.locale}
  />
));

import type { Access } from "@/lib/auth/access.ts";
import { Button } from "@/components/Button.tsx";
import { DocumentEditor, type EditorData } from "@/components/DocumentEditor.tsx";
import { PageHeader } from "@/components/PageHeader.tsx";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { editorChoices, editorTotals, formCurrency, submitEditor } from "@/lib/billing/document_editor.ts";
import { documentValues } from "@/lib/billing/document_form.ts";
import { type BillingDocument, getDocument } from "@/lib/billing/documents.ts";
import { actingAs } from "@/lib/http/acting_as.ts";
import { define } from "@/lib/http/define.ts";
import { readForm } from "@/lib/http/form.ts";

export const access: Access = { permission: "quotes.manage" };

type Data = { doc: BillingDocument } & ({ locked: true } | ({ locked: false } & EditorData));

const KINDS = "quote" as const;

/** Edits a draft quote; a sent one is changed by a new revision (its page offers it). */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "quotes.manage");
    const db = ctx.state.studio!.db;
    const doc = await getDocument(db, ctx.params.id, KINDS);
    if (doc.status !== "draft") return ctx.render({ doc, locked: true }, { status: 409 });
    const choices = await editorChoices(db);
    const values = documentValues(doc, {
      locale: ctx.state.locale,
      defaultTaxRateIds: choices.settings.defaultTaxRateIds,
    });
    return ctx.render({
      doc,
      locked: false,
      values,
      errors: {},
      choices,
      currency: doc.currency,
      totals: editorTotals(values, choices, ctx.state.locale),
      version: doc.version,
    });
  },
  async POST(ctx) {
    requirePermission(ctx.state.staff!.role, "quotes.manage");
    const studio = ctx.state.studio!;
    const doc = await getDocument(studio.db, ctx.params.id, KINDS);
    if (doc.status !== "draft") return ctx.render({ doc, locked: true }, { status: 409 });
    const form = await readForm(ctx.req);
    const choices = await editorChoices(studio.db);
    const outcome = await submitEditor(studio.db, form, {
      kind: "quote",
      id: doc.id,
      choices,
      locale: ctx.state.locale,
      acting: actingAs(ctx),
    });
    if ("saved" in outcome) return ctx.redirect(`${studio.base}/app/quotes/${doc.id}?saved=saved`);
    const { values, errors, status } = outcome;
    return ctx.render({
      doc,
      locked: false,
      values,
      errors,
      choices,
      currency: formCurrency(values, choices),
      totals: editorTotals(values, choices, ctx.state.locale),
      version: Number(form.get("version")) || doc.version,
    }, { status });
  },
});

export default define.page<typeof handler>(({ data, state }) => {
  const { t, locale } = state;
  const base = `${state.studio!.base}/app/quotes/${data.doc.id}`;
  if (data.locked) {
    const { doc } = data;
    return (
      <>
        <PageHeader title={t("quotes.locked.title")} class="mb-4" />
        <p class="mb-6 max-w-prose" data-testid="locked">
          {t("quotes.locked.body", { number: doc.number ?? "", status: t(`billing.status.${doc.status}`) })}
        </p>
        <Button href={base} variant="secondary">{doc.number}</Button>
      </>
    );
  }
  return (
    <DocumentEditor
      kind="quote"
      title={t("quotes.edit.title")}
      data={data}
      submitLabel={t("billing.form.save")}
      cancelHref={base}
      t={t}
      locale={locale}
    />
  );
});

import type { Access } from "@/lib/auth/access.ts";
import { Button } from "@/components/Button.tsx";
import { DocumentEditor, type EditorData } from "@/components/DocumentEditor.tsx";
import { PageHeader } from "@/components/PageHeader.tsx";
import { can, requirePermission } from "@/lib/auth/permissions.ts";
import { editorChoices, editorTotals, formCurrency, submitEditor } from "@/lib/billing/document_editor.ts";
import { documentValues } from "@/lib/billing/document_form.ts";
import { type BillingDocument, getDocument } from "@/lib/billing/documents.ts";
import { actingAs } from "@/lib/http/acting_as.ts";
import { define } from "@/lib/http/define.ts";
import { readForm } from "@/lib/http/form.ts";
import { formatDate } from "@/lib/i18n/mod.ts";

export const access: Access = { permission: "invoices.manage" };

type Data = { doc: BillingDocument } & ({ locked: true } | ({ locked: false } & EditorData));

const KINDS = ["invoice" as const, "deposit_invoice" as const];

/** Edits a draft invoice; an issued one is explained as final, with a credit note offered instead. */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "invoices.manage");
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
    requirePermission(ctx.state.staff!.role, "invoices.manage");
    const studio = ctx.state.studio!;
    const doc = await getDocument(studio.db, ctx.params.id, KINDS);
    if (doc.status !== "draft") return ctx.render({ doc, locked: true }, { status: 409 });
    const form = await readForm(ctx.req);
    const choices = await editorChoices(studio.db);
    const outcome = await submitEditor(studio.db, form, {
      kind: "invoice",
      id: doc.id,
      choices,
      locale: ctx.state.locale,
      acting: actingAs(ctx),
    });
    if ("saved" in outcome) return ctx.redirect(`${studio.base}/app/invoices/${doc.id}?saved=saved`);
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
  const base = `${state.studio!.base}/app/invoices/${data.doc.id}`;
  if (data.locked) {
    const { doc } = data;
    return (
      <>
        <PageHeader title={t("invoices.issued.title")} class="mb-4" />
        <p class="mb-6 max-w-prose" data-testid="locked">
          {t("invoices.issued.body", {
            number: doc.number ?? "",
            date: doc.issueDate
              ? formatDate(new Date(`${doc.issueDate}T12:00:00Z`), "UTC", locale, "long")
              : "",
          })}
        </p>
        <div class="flex flex-wrap gap-3">
          {can(state.staff!.role, "invoices.manage") &&
            (doc.status === "issued" || doc.status === "partially_paid" ||
              doc.status === "paid") &&
            <Button href={`${base}/credit`}>{t("billing.view.credit")}</Button>}
          <Button href={base} variant="secondary">{doc.number}</Button>
        </div>
      </>
    );
  }
  return (
    <DocumentEditor
      kind="invoice"
      title={t("invoices.edit.title")}
      data={data}
      submitLabel={t("billing.form.save")}
      cancelHref={base}
      t={t}
      locale={locale}
    />
  );
});

import type { Access } from "@/lib/auth/access.ts";
import { Button } from "@/components/Button.tsx";
import { PageHeader } from "@/components/PageHeader.tsx";
import { can } from "@/lib/auth/permissions.ts";
import { DocumentEditor } from "@/components/DocumentEditor.tsx";
import { editDocumentHandler } from "@/lib/billing/document_routes.tsx";
import { define } from "@/lib/http/define.ts";
import { formatDate } from "@/lib/i18n/mod.ts";

export const access: Access = { permission: "invoices.manage" };

/** Edits a draft invoice; an issued one is explained as final, with a credit note offered instead. */
export const handler = editDocumentHandler({
  kind: "invoice",
  kinds: ["invoice", "deposit_invoice"],
  permission: "invoices.manage",
  section: "/app/invoices",
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

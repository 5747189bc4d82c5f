import type { Access } from "@/lib/auth/access.ts";
import { Button } from "@/components/Button.tsx";
import { PageHeader } from "@/components/PageHeader.tsx";
import { DocumentEditor } from "@/components/DocumentEditor.tsx";
import { editDocumentHandler } from "@/lib/billing/document_routes.tsx";
import { define } from "@/lib/http/define.ts";

export const access: Access = { permission: "quotes.manage" };

/** Edits a draft quote; a sent one is changed by a new revision (its page offers it). */
export const handler = editDocumentHandler({
  kind: "quote",
  kinds: ["quote"],
  permission: "quotes.manage",
  section: "/app/quotes",
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

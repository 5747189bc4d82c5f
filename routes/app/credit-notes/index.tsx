import type { Access } from "@/lib/auth/access.ts";
import { DocumentList, type ListFilters, readListFilters } from "@/components/DocumentList.tsx";
import { PageHeader } from "@/components/PageHeader.tsx";
import { Toast } from "@/components/Toast.tsx";
import type { DocumentStatus } from "@/db/schema/mod.ts";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { type DocumentListRow, listDocuments } from "@/lib/billing/document_list.ts";
import { localDateOf } from "@/lib/billing/issue.ts";
import { define } from "@/lib/http/define.ts";

export const access: Access = { permission: "invoices.view" };

const STATUSES: DocumentStatus[] = ["draft", "issued"];

interface Data {
  rows: DocumentListRow[];
  next?: string;
  filters: ListFilters;
  today: string;
}

/** Credit notes, newest first, 50 a page by keyset; they are made from an invoice's page. */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "invoices.view");
    const studio = ctx.state.studio!;
    const today = localDateOf(new Date(), studio.tenant.timezone);
    const filters = readListFilters(ctx.url.searchParams, STATUSES);
    const page = await listDocuments(studio.db, {
      kind: "credit_note",
      status: filters.status,
      clientId: filters.clientId,
      q: filters.q,
      after: filters.after,
    });
    return ctx.render({ rows: page.rows, next: page.next, filters, today });
  },
});

export default define.page<typeof handler>(({ data, state, url }) => {
  const { t, locale } = state;
  const base = state.studio!.base;
  return (
    <>
      {url.searchParams.get("saved") === "deleted" && (
        <Toast tone="success" dismissLabel={t("billing.view.close")} class="mb-4">
          {t("billing.view.saved.deleted")}
        </Toast>
      )}
      <PageHeader
        title={t("credit_notes.title")}
        description={t("credit_notes.intro")}
        class="mb-6"
      />
      <DocumentList
        kind="credit_note"
        rows={data.rows}
        next={data.next}
        filters={data.filters}
        statuses={STATUSES}
        path={`${base}/app/credit-notes`}
        studioBase={base}
        today={data.today}
        t={t}
        locale={locale}
      />
    </>
  );
});

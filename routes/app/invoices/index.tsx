import type { Access } from "@/lib/auth/access.ts";
import { Button } from "@/components/Button.tsx";
import { DocumentList, type ListFilters, readListFilters } from "@/components/DocumentList.tsx";
import { PageHeader } from "@/components/PageHeader.tsx";
import { Toast } from "@/components/Toast.tsx";
import type { DocumentStatus } from "@/db/schema/mod.ts";
import { can, requirePermission } from "@/lib/auth/permissions.ts";
import { type DocumentListRow, listDocuments } from "@/lib/billing/document_list.ts";
import { localDateOf } from "@/lib/billing/issue.ts";
import { define } from "@/lib/http/define.ts";

export const access: Access = { permission: "invoices.view" };

const STATUSES: DocumentStatus[] = ["draft", "issued", "partially_paid", "paid", "credited"];

interface Data {
  rows: DocumentListRow[];
  next?: string;
  filters: ListFilters;
  today: string;
}

/** Invoices and deposit invoices, newest first, 50 a page by keyset, filtered by status, overdue or search. */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "invoices.view");
    const studio = ctx.state.studio!;
    const today = localDateOf(new Date(), studio.tenant.timezone);
    const filters = readListFilters(ctx.url.searchParams, STATUSES);
    const page = await listDocuments(studio.db, {
      kind: ["invoice", "deposit_invoice"],
      status: filters.status,
      overdue: filters.overdue ? { today } : undefined,
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
  const manage = can(state.staff!.role, "invoices.manage");
  return (
    <>
      {url.searchParams.get("saved") === "deleted" && (
        <Toast tone="success" dismissLabel={t("billing.view.close")} class="mb-4">
          {t("billing.view.saved.deleted")}
        </Toast>
      )}
      <PageHeader
        title={t("invoices.title")}
        description={t("invoices.intro")}
        actions={
          <div class="flex flex-wrap gap-2">
            <Button href={`${base}/app/credit-notes`} variant="ghost">{t("credit_notes.title")}</Button>
            {manage && (
              <>
                <Button href={`${base}/app/invoices/from-sessions`} variant="secondary">
                  {t("invoices.from_sessions")}
                </Button>
                <Button href={`${base}/app/invoices/new`}>{t("invoices.new")}</Button>
              </>
            )}
          </div>
        }
        class="mb-6"
      />
      <DocumentList
        kind="invoice"
        rows={data.rows}
        next={data.next}
        filters={data.filters}
        statuses={STATUSES}
        path={`${base}/app/invoices`}
        studioBase={base}
        today={data.today}
        t={t}
        locale={locale}
      />
    </>
  );
});

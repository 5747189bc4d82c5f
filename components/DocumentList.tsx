import { Button } from "./Button.tsx";
import { localDate, StatusBadge } from "./DocumentView.tsx";
import { Table, type TableColumn } from "./Table.tsx";
import type { DocumentKind, DocumentStatus } from "@/db/schema/mod.ts";
import { formatAmount } from "@/lib/billing/currency.ts";
import { displayStatus, type DocumentListRow, listBalance } from "@/lib/billing/document_list.ts";
import type { Locale, Translator } from "@/lib/i18n/mod.ts";

/** The filters a list reads from its query string. */
export interface ListFilters {
  status?: DocumentStatus;
  overdue: boolean;
  q: string;
  clientId?: string;
  after?: string;
}

/** Reads `status`, `overdue`, `q`, `client` and `after`; unknown statuses are ignored. */
export function readListFilters(params: URLSearchParams, statuses: readonly DocumentStatus[]): ListFilters {
  const status = params.get("status") as DocumentStatus | null;
  return {
    status: status && statuses.includes(status) ? status : undefined,
    overdue: params.get("overdue") === "1",
    q: (params.get("q") ?? "").slice(0, 100),
    clientId: params.get("client") || undefined,
    after: params.get("after") || undefined,
  };
}

/** The query string of the page after this one, keeping the filters. */
function nextQuery(filters: ListFilters, next: string): string {
  const query = new URLSearchParams();
  if (filters.status) query.set("status", filters.status);
  if (filters.overdue) query.set("overdue", "1");
  if (filters.q) query.set("q", filters.q);
  if (filters.clientId) query.set("client", filters.clientId);
  query.set("after", next);
  return query.toString();
}

/** Filters, the table of documents (number, client, dates, total, balance, status) and the next-page link. */
export function DocumentList(
  { kind, rows, next, filters, statuses, path, studioBase, today, t, locale }: {
    kind: DocumentKind;
    rows: DocumentListRow[];
    next?: string;
    filters: ListFilters;
    statuses: readonly DocumentStatus[];
    /** The list's own path, e.g. `${base}/app/invoices`. */
    path: string;
    studioBase: string;
    today: string;
    t: Translator["t"];
    locale: Locale;
  },
) {
  const money = (amount: number, currency: string) => formatAmount(amount, currency, locale);
  const docPath = (row: DocumentListRow) =>
    row.kind === "credit_note"
      ? `${studioBase}/app/credit-notes/${row.id}`
      : row.kind === "quote"
      ? `${studioBase}/app/quotes/${row.id}`
      : `${studioBase}/app/invoices/${row.id}`;
  const columns: TableColumn<DocumentListRow>[] = [
    {
      key: "number",
      header: t("billing.col.number"),
      rowHeader: true,
      render: (row) => (
        <a href={docPath(row)} class="text-brand-700 underline focus-ring">
          {row.number ?? t("billing.draft")}
          {row.kind === "quote" && row.revision > 1
            ? ` (${t("billing.view.revision", { n: row.revision })})`
            : ""}
        </a>
      ),
    },
    { key: "clientName", header: t("billing.col.client"), wrap: true },
    { key: "title", header: t("billing.col.title"), wrap: true, render: (row) => row.title ?? "" },
    kind === "quote"
      ? {
        key: "validUntil",
        header: t("billing.col.valid_until"),
        render: (row) => localDate(row.validUntil, locale),
      }
      : {
        key: "issueDate",
        header: t("billing.col.issue_date"),
        render: (row) => localDate(row.issueDate, locale),
      },
  ];
  if (kind === "invoice") {
    columns.push({
      key: "dueDate",
      header: t("billing.col.due_date"),
      render: (r) => localDate(r.dueDate, locale),
    });
  }
  columns.push({
    key: "total",
    header: t("billing.col.total"),
    align: "end",
    render: (r) => money(r.total, r.currency),
  });
  if (kind === "invoice") {
    columns.push({
      key: "balance",
      header: t("billing.col.balance"),
      align: "end",
      render: (r) => r.status === "draft" ? "—" : money(listBalance(r) ?? 0, r.currency),
    });
  }
  columns.push({
    key: "status",
    header: t("billing.col.status"),
    render: (r) => <StatusBadge status={displayStatus(r, today)} t={t} />,
  });
  const filtered = Boolean(filters.status || filters.overdue || filters.q || filters.clientId);
  return (
    <>
      <form method="get" class="mb-4 flex flex-wrap items-end gap-3 text-sm" role="search">
        <label>
          <span class="block font-medium">{t("billing.list.status")}</span>
          <select name="status" class="field mt-1">
            <option value="" selected={!filters.status}>{t("billing.list.all_statuses")}</option>
            {statuses.map((s) => (
              <option key={s} value={s} selected={filters.status === s}>{t(`billing.status.${s}`)}</option>
            ))}
          </select>
        </label>
        {kind === "invoice" && (
          <label class="flex items-center gap-2 pb-2">
            <input type="checkbox" name="overdue" value="1" checked={filters.overdue} />
            {t("billing.list.overdue")}
          </label>
        )}
        <label>
          <span class="block font-medium">{t("billing.list.search")}</span>
          <input type="search" name="q" value={filters.q} class="field mt-1" />
        </label>
        {filters.clientId && <input type="hidden" name="client" value={filters.clientId} />}
        <Button type="submit" variant="secondary">{t("billing.list.apply")}</Button>
      </form>
      <Table
        caption={t(
          kind === "quote"
            ? "quotes.title"
            : kind === "credit_note"
            ? "credit_notes.title"
            : "invoices.title",
        )}
        hideCaption
        rows={rows}
        columns={columns}
        empty={filtered ? t("billing.list.empty_filtered") : t("billing.list.empty")}
      />
      <div class="mt-4 flex gap-3 text-sm">
        {filters.after && (
          <a href={path} class="text-brand-700 underline focus-ring">{t("billing.list.first")}</a>
        )}
        {next && (
          <a
            href={`${path}?${nextQuery(filters, next)}`}
            class="text-brand-700 underline focus-ring"
            rel="next"
          >
            {t("billing.list.more")}
          </a>
        )}
      </div>
    </>
  );
}

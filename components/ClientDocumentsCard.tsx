import { Card } from "./Card.tsx";
import { localDate, StatusBadge } from "./DocumentView.tsx";
import { Table } from "./Table.tsx";
import { formatAmount } from "@/lib/billing/currency.ts";
import { type ClientDocuments, displayStatus } from "@/lib/billing/document_list.ts";
import type { Locale, Translator } from "@/lib/i18n/mod.ts";

/** The client hub's "Quotes & invoices": the latest documents and the balance due per currency. */
export function ClientDocumentsCard(
  { documents, clientId, base, today, t, locale }: {
    documents: ClientDocuments;
    clientId: string;
    base: string;
    today: string;
    t: Translator["t"];
    locale: Locale;
  },
) {
  const path = (kind: string, id: string) =>
    `${base}/app/${kind === "quote" ? "quotes" : kind === "credit_note" ? "credit-notes" : "invoices"}/${id}`;
  return (
    <Card
      title={t("clients.hub.documents")}
      class="lg:col-span-2"
      actions={documents.balances.length > 0 && (
        <span class="text-sm font-semibold" data-testid="client-balance">
          {t("clients.hub.balance_due")}: {documents.balances.map((b) =>
            formatAmount(b.balance, b.currency, locale)
          ).join(" + ")}
        </span>
      )}
    >
      <Table
        caption={t("clients.hub.documents")}
        hideCaption
        rows={documents.rows}
        empty={t("clients.hub.no_documents")}
        columns={[
          {
            key: "number",
            header: t("billing.col.number"),
            rowHeader: true,
            render: (d) => (
              <a href={path(d.kind, d.id)} class="text-brand-700 underline focus-ring">
                {t(`billing.kind.${d.kind}`)} {d.number ?? t("billing.draft")}
              </a>
            ),
          },
          {
            key: "issueDate",
            header: t("billing.col.issue_date"),
            render: (d) => localDate(d.issueDate, locale),
          },
          {
            key: "total",
            header: t("billing.col.total"),
            align: "end",
            render: (d) => formatAmount(d.total, d.currency, locale),
          },
          {
            key: "status",
            header: t("billing.col.status"),
            render: (d) => <StatusBadge status={displayStatus(d, today)} t={t} />,
          },
        ]}
      />
      {documents.more && (
        <p class="mt-2 text-sm">
          <a href={`${base}/app/invoices?client=${clientId}`} class="text-brand-700 underline focus-ring">
            {t("clients.hub.all_invoices")}
          </a>
        </p>
      )}
    </Card>
  );
}

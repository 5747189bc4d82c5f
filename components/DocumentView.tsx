import { Badge, type BadgeTone } from "./Badge.tsx";
import { TotalsSummary } from "./DocumentForm.tsx";
import type { PartySnapshot } from "@/db/schema/mod.ts";
import { formatAmount } from "@/lib/billing/currency.ts";
import type { DisplayStatus } from "@/lib/billing/document_list.ts";
import type { DocumentView } from "@/lib/billing/document_view.ts";
import { formatDate, type Locale, type Translator } from "@/lib/i18n/mod.ts";

const TONE: Record<DisplayStatus, BadgeTone> = {
  draft: "neutral",
  sent: "info",
  accepted: "success",
  declined: "danger",
  expired: "neutral",
  converted: "success",
  issued: "info",
  partially_paid: "warning",
  paid: "success",
  credited: "neutral",
  overdue: "danger",
};

export function StatusBadge({ status, t }: { status: DisplayStatus; t: Translator["t"] }) {
  return <Badge tone={TONE[status]}>{t(`billing.status.${status}`)}</Badge>;
}

/** A local date ("2026-11-03") in the reader's format. */
export function localDate(date: string | null, locale: Locale): string {
  return date ? formatDate(new Date(`${date}T12:00:00Z`), "UTC", locale) : "—";
}

function Party({ title, party }: { title: string; party: PartySnapshot & { taxIds?: string[] } }) {
  return (
    <div>
      <h2 class="text-sm font-medium text-ink-muted">{title}</h2>
      <p class="font-semibold">{party.name}</p>
      {party.addressLines.map((line, i) => <p key={i} class="text-sm">{line}</p>)}
      {party.taxId && <p class="text-sm">{party.taxId}</p>}
      {party.taxIds?.map((id, i) => <p key={i} class="text-sm">{id}</p>)}
    </div>
  );
}

/** Issuer and client, dates, the lines with their session day and times, the tax summary and totals. */
export function DocumentBody(
  { view, t, locale }: { view: DocumentView; t: Translator["t"]; locale: Locale },
) {
  const { doc, totals } = view;
  const money = (v: number) => formatAmount(v, doc.currency, locale);
  const isInvoice = doc.kind === "invoice" || doc.kind === "deposit_invoice";
  return (
    <div class="grid gap-6 lg:grid-cols-[1fr_18rem]">
      <div class="flex flex-col gap-6">
        <div class="grid gap-6 rounded-lg border border-line bg-surface p-4 sm:grid-cols-3">
          <Party title={t("billing.view.from")} party={view.issuer} />
          <Party title={t("billing.view.to")} party={view.client} />
          <dl class="text-sm">
            {doc.issueDate && (
              <div>
                <dt class="text-ink-muted">{t("billing.view.issue_date")}</dt>
                <dd data-testid="issue-date">{localDate(doc.issueDate, locale)}</dd>
              </div>
            )}
            {isInvoice && doc.dueDate && (
              <div>
                <dt class="text-ink-muted">{t("billing.view.due_date")}</dt>
                <dd>{localDate(doc.dueDate, locale)}</dd>
              </div>
            )}
            {doc.kind === "quote" && doc.validUntil && (
              <div>
                <dt class="text-ink-muted">{t("billing.view.valid_until")}</dt>
                <dd>{localDate(doc.validUntil, locale)}</dd>
              </div>
            )}
          </dl>
        </div>
        <section aria-labelledby="lines-heading">
          <h2 id="lines-heading" class="mb-2 text-lg font-semibold">{t("billing.view.lines")}</h2>
          <div class="overflow-x-auto rounded-lg border border-line bg-surface">
            <table class="w-full text-left text-sm" data-testid="lines">
              <thead class="border-b border-line bg-neutral-50">
                <tr>
                  <th scope="col" class="px-3 py-2">{t("billing.form.description")}</th>
                  <th scope="col" class="px-3 py-2 text-end">{t("billing.form.quantity")}</th>
                  <th scope="col" class="px-3 py-2 text-end">{t("billing.form.unit_price")}</th>
                  <th scope="col" class="px-3 py-2">{t("billing.form.taxes")}</th>
                  <th scope="col" class="px-3 py-2 text-end">{t("billing.view.amount")}</th>
                </tr>
              </thead>
              <tbody class="divide-y divide-line">
                {doc.lines.map((line, i) => {
                  const figures = totals.lines[i];
                  const discount = line.discountPercent
                    ? `−${line.discountPercent}%`
                    : line.discountAmount
                    ? `−${money(line.discountAmount)}`
                    : "";
                  return (
                    <tr key={line.id} data-testid="line">
                      <td class="px-3 py-2">
                        <div>{line.description}</div>
                        {line.detail && <div class="text-ink-muted">{line.detail}</div>}
                      </td>
                      <td class="whitespace-nowrap px-3 py-2 text-end tabular-nums">
                        {line.quantity} {t(`billing.unit.${line.unit}`)}
                      </td>
                      <td class="whitespace-nowrap px-3 py-2 text-end tabular-nums">
                        {money(line.unitPrice)}
                        {discount && <div class="text-ink-muted">{discount}</div>}
                      </td>
                      <td class="px-3 py-2">
                        {line.taxes.map((tax) => `${tax.name} ${tax.rate}%`).join(", ")}
                      </td>
                      <td class="whitespace-nowrap px-3 py-2 text-end tabular-nums">
                        {money(figures.amount - figures.discount)}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
        {doc.notes && (
          <section>
            <h2 class="text-sm font-medium text-ink-muted">
              {doc.kind === "credit_note" ? t("billing.view.reason") : t("billing.view.notes")}
            </h2>
            <p class="whitespace-pre-line text-sm">{doc.notes}</p>
          </section>
        )}
        {doc.terms && (
          <section>
            <h2 class="text-sm font-medium text-ink-muted">{t("billing.view.terms")}</h2>
            <p class="whitespace-pre-line text-sm">{doc.terms}</p>
          </section>
        )}
      </div>
      <aside>
        <TotalsSummary
          totals={totals}
          currency={doc.currency}
          t={t}
          locale={locale}
          paid={isInvoice ? doc.amountPaid : undefined}
          credited={isInvoice ? doc.amountCredited : undefined}
          balance={view.balance ?? undefined}
        />
      </aside>
    </div>
  );
}

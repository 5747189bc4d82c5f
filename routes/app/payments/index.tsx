import type { Access } from "@/lib/auth/access.ts";
import { Badge } from "@/components/Badge.tsx";
import { Button } from "@/components/Button.tsx";
import { localDateText } from "@/components/InvoicePayments.tsx";
import { PageHeader } from "@/components/PageHeader.tsx";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { formatAmount } from "@/lib/billing/currency.ts";
import { localDateOf } from "@/lib/billing/issue.ts";
import { Temporal } from "temporal-polyfill";
import { listPayments, type PaymentRow, paymentTotals } from "@/lib/billing/payments.ts";
import type { PaymentMethod } from "@/db/schema/mod.ts";
import { define } from "@/lib/http/define.ts";

export const access: Access = { permission: "payments.record" };

const PAGE_SIZE = 100;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const METHODS: PaymentMethod[] = ["cash", "transfer", "card", "cheque", "other", "credit", "stripe"];

/** Rows the refund page can pay back: money received (not a refund), not voided, not credit applied. */
function refundable(p: PaymentRow): boolean {
  return p.amount > 0 && !p.voidedAt && p.method !== "credit";
}

interface Data {
  rows: PaymentRow[];
  totals: Awaited<ReturnType<typeof paymentTotals>>;
  from: string;
  to: string;
  method: string;
  /** Query string of the next page, when there is one. */
  next?: string;
}

/**
 * Payments received in a period (this month in the studio's zone unless chosen), newest first, 100 a
 * page, with totals per currency and the accountants' CSV exports of the same period.
 */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "payments.record");
    const studio = ctx.state.studio!;
    const query = ctx.url.searchParams;
    const today = localDateOf(new Date(), studio.tenant.timezone);
    const monthStart = `${today.slice(0, 8)}01`;
    const from = DATE.test(query.get("from") ?? "") ? query.get("from")! : monthStart;
    const toParam = query.get("to") ?? "";
    // Default: to the end of the first day's month.
    const to = DATE.test(toParam) && toParam >= from
      ? toParam
      : Temporal.PlainDate.from(from).with({ day: 31 }, { overflow: "constrain" }).toString();
    const methodParam = query.get("method") ?? "";
    const method = METHODS.includes(methodParam as PaymentMethod) ? methodParam as PaymentMethod : undefined;
    const afterOn = query.get("after_on");
    const afterId = query.get("after_id");
    const filter = { from, to, method };
    const [rows, totals] = await Promise.all([
      listPayments(studio.db, {
        ...filter,
        after: afterOn && afterId && DATE.test(afterOn) ? { receivedOn: afterOn, id: afterId } : undefined,
        limit: PAGE_SIZE + 1,
      }),
      paymentTotals(studio.db, filter),
    ]);
    const page = rows.slice(0, PAGE_SIZE);
    const last = page.at(-1);
    const next = rows.length > PAGE_SIZE && last
      ? new URLSearchParams({ from, to, method: method ?? "", after_on: last.receivedOn, after_id: last.id })
        .toString()
      : undefined;
    return ctx.render({ rows: page, totals, from, to, method: method ?? "", next });
  },
});

export default define.page<typeof handler>(({ data, state }) => {
  const { t, locale } = state;
  const studio = state.studio!;
  const base = `${studio.base}/app`;
  const period = new URLSearchParams({ from: data.from, to: data.to }).toString();
  return (
    <>
      <PageHeader
        title={t("payments.title")}
        description={t("payments.intro", { zone: studio.tenant.timezone })}
      />
      <form method="get" class="mb-4 flex flex-wrap items-end gap-3 text-sm">
        <label>
          <span class="block font-medium">{t("payments.list.from")}</span>
          <input type="date" name="from" value={data.from} class="field mt-1" />
        </label>
        <label>
          <span class="block font-medium">{t("payments.list.to")}</span>
          <input type="date" name="to" value={data.to} class="field mt-1" />
        </label>
        <label>
          <span class="block font-medium">{t("payments.list.method")}</span>
          <select name="method" class="field mt-1">
            <option value="" selected={data.method === ""}>{t("payments.list.any_method")}</option>
            {METHODS.map((m) => (
              <option key={m} value={m} selected={data.method === m}>{t(`payments.method.${m}`)}</option>
            ))}
          </select>
        </label>
        <Button type="submit" variant="secondary">{t("payments.list.show")}</Button>
      </form>

      {data.totals.length > 0 && (
        <section aria-labelledby="totals-heading" class="mb-6">
          <h2 id="totals-heading" class="mb-2 text-lg font-semibold">{t("payments.totals.title")}</h2>
          <div class="overflow-x-auto rounded-lg border border-line bg-surface">
            <table class="w-full text-left text-sm">
              <thead class="border-b border-line bg-neutral-50">
                <tr>
                  <th scope="col" class="px-3 py-2">{t("payments.totals.currency")}</th>
                  <th scope="col" class="px-3 py-2 text-end">{t("payments.totals.count")}</th>
                  <th scope="col" class="px-3 py-2 text-end">{t("payments.totals.received")}</th>
                  <th scope="col" class="px-3 py-2 text-end">{t("payments.totals.refunded")}</th>
                  <th scope="col" class="px-3 py-2 text-end">{t("payments.totals.net")}</th>
                </tr>
              </thead>
              <tbody class="divide-y divide-line">
                {data.totals.map((row) => (
                  <tr key={row.currency} data-currency={row.currency}>
                    <th scope="row" class="px-3 py-2 font-medium">{row.currency}</th>
                    <td class="px-3 py-2 text-end tabular-nums">{row.count}</td>
                    <td class="px-3 py-2 text-end tabular-nums">
                      {formatAmount(row.received, row.currency, locale)}
                    </td>
                    <td class="px-3 py-2 text-end tabular-nums">
                      {formatAmount(row.refunded, row.currency, locale)}
                    </td>
                    <td class="px-3 py-2 text-end tabular-nums">
                      {formatAmount(row.received - row.refunded, row.currency, locale)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      {data.rows.length === 0
        ? (
          <p class="rounded-lg border border-line bg-surface p-6 text-neutral-700">
            {t("payments.list.empty")}
          </p>
        )
        : (
          <div class="overflow-x-auto rounded-lg border border-line bg-surface">
            <table class="w-full text-left text-sm">
              <caption class="sr-only">{t("payments.title")}</caption>
              <thead class="border-b border-line bg-neutral-50">
                <tr>
                  <th scope="col" class="px-3 py-2">{t("payments.col.date")}</th>
                  <th scope="col" class="px-3 py-2">{t("payments.col.client")}</th>
                  <th scope="col" class="px-3 py-2">{t("payments.col.invoice")}</th>
                  <th scope="col" class="px-3 py-2">{t("payments.col.method")}</th>
                  <th scope="col" class="px-3 py-2">{t("payments.col.reference")}</th>
                  <th scope="col" class="px-3 py-2 text-end">{t("payments.col.amount")}</th>
                  <th scope="col" class="px-3 py-2">
                    <span class="sr-only">{t("refunds.action")}</span>
                  </th>
                </tr>
              </thead>
              <tbody class="divide-y divide-line">
                {data.rows.map((p) => (
                  <tr key={p.id} class={p.voidedAt ? "text-ink-muted" : undefined}>
                    <td class="whitespace-nowrap px-3 py-2">{localDateText(p.receivedOn, locale)}</td>
                    <td class="px-3 py-2">{p.clientName}</td>
                    <td class="px-3 py-2">
                      {p.documentId
                        ? (
                          <a class="text-brand-700 underline" href={`${base}/invoices/${p.documentId}`}>
                            {p.documentNumber}
                          </a>
                        )
                        : t("payments.no_invoice")}
                    </td>
                    <td class="px-3 py-2">
                      {t(`payments.method.${p.method}`)}
                      {p.amount < 0 && <Badge class="ms-2">{t("payments.refund")}</Badge>}
                      {p.voidedAt && <Badge tone="warning" class="ms-2">{t("payments.voided")}</Badge>}
                    </td>
                    <td class="px-3 py-2">{p.reference ?? ""}</td>
                    <td
                      class={`whitespace-nowrap px-3 py-2 text-end tabular-nums ${
                        p.voidedAt ? "line-through" : ""
                      }`}
                    >
                      {formatAmount(p.amount, p.currency, locale)}
                    </td>
                    <td class="whitespace-nowrap px-3 py-2">
                      {refundable(p) && (
                        <a
                          class="text-brand-700 underline"
                          href={`${base}/payments/${p.id}/refund`}
                          aria-label={t("refunds.action_label", {
                            amount: formatAmount(p.amount, p.currency, locale),
                            date: localDateText(p.receivedOn, locale),
                          })}
                        >
                          {t("refunds.action")}
                        </a>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      {data.next && (
        <p class="mt-4">
          <Button href={`${base}/payments?${data.next}`} variant="secondary">
            {t("payments.list.more")}
          </Button>
        </p>
      )}

      <section aria-labelledby="exports-heading" class="mt-8">
        <h2 id="exports-heading" class="mb-2 text-lg font-semibold">{t("payments.export.title")}</h2>
        <p class="mb-3 text-sm text-ink-muted">{t("payments.export.intro")}</p>
        <div class="flex flex-wrap gap-3">
          <Button href={`${base}/payments/export/invoices?${period}`} variant="secondary">
            {t("payments.export.invoices")}
          </Button>
          <Button href={`${base}/payments/export/credit-notes?${period}`} variant="secondary">
            {t("payments.export.credit_notes")}
          </Button>
          <Button href={`${base}/payments/export/payments?${period}`} variant="secondary">
            {t("payments.export.payments")}
          </Button>
        </div>
      </section>
    </>
  );
});

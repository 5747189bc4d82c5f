import type { Access } from "@/lib/auth/access.ts";
import { Button } from "@/components/Button.tsx";
import { FormErrorSummary } from "@/components/FormErrorSummary.tsx";
import { localDateText } from "@/components/InvoicePayments.tsx";
import { PageHeader } from "@/components/PageHeader.tsx";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { formatAmount } from "@/lib/billing/currency.ts";
import { localDateOf } from "@/lib/billing/issue.ts";
import {
  PERIOD_QUERY_FIELDS,
  type PeriodQuery,
  periodQueryOf,
  type ReportPeriod,
  resolvePeriod,
} from "@/lib/billing/report_period.ts";
import { type Figures, type RevenueReport, revenueReport } from "@/lib/billing/reports.ts";
import { getIssuer } from "@/lib/billing/settings.ts";
import { ValidationError } from "@/lib/errors.ts";
import { define } from "@/lib/http/define.ts";

export const access: Access = { permission: "reports.view" };

interface Data {
  report: RevenueReport;
  zone: string;
  /** What the form shows: the query as typed, defaults filled from the period shown. */
  form: Record<(typeof PERIOD_QUERY_FIELDS)[number], string>;
  errors: Record<string, string>;
}

function formOf(period: ReportPeriod, query: PeriodQuery): Data["form"] {
  const [year, month] = period.from.split("-").map(Number);
  return {
    period: period.kind,
    year: String(year),
    month: String(month),
    quarter: String(Math.ceil(month / 3)),
    from: query.from ?? period.from,
    to: query.to ?? period.to,
  };
}

/**
 * The revenue report (`reports.view`): a month, quarter, year or custom dates in the studio's zone;
 * invoiced, collected, outstanding and overdue in the base currency, tax per rate, the same per
 * currency in original amounts, a row per month, and the same figures as CSV. A period that cannot be
 * read is shown beside the form (422) with this month's report.
 */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "reports.view");
    const db = ctx.state.studio!.db;
    const issuer = await getIssuer(db);
    const today = localDateOf(new Date(), issuer.timezone);
    const query = periodQueryOf(ctx.url.searchParams);
    let period: ReportPeriod;
    let errors: Record<string, string> = {};
    try {
      period = resolvePeriod(query, today);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      errors = err.fields;
      period = resolvePeriod({}, today);
    }
    const report = await revenueReport(db, period, issuer.baseCurrency);
    return ctx.render(
      { report, zone: issuer.timezone, form: formOf(period, query), errors },
      Object.keys(errors).length ? { status: 422 } : undefined,
    );
  },
});

export default define.page<typeof handler>(({ data, state }) => {
  const { t, locale } = state;
  const { report, form } = data;
  const base = report.baseCurrency;
  const money = (amount: number, currency = base) => formatAmount(amount, currency, locale);
  const end = localDateText(report.period.to, locale);
  const csvQuery = new URLSearchParams({ ...form, period: report.period.kind }).toString();
  const summary = Object.entries(data.errors).map(([name, message]) => ({ name, message }));
  const th = "px-3 py-2";
  const num = "px-3 py-2 text-end tabular-nums whitespace-nowrap";
  const figureCells = (f: Figures, currency = base) => (
    <>
      <td class={num}>{money(f.net, currency)}</td>
      <td class={num}>{money(f.tax, currency)}</td>
      <td class={num}>{money(f.total, currency)}</td>
    </>
  );
  const amountRow = (id: string, label: string, amount: number, count?: number) => (
    <tr data-row={id}>
      <th scope="row" class={`${th} font-medium`}>{label}</th>
      <td class={num}>{count ?? ""}</td>
      <td class={num} />
      <td class={num} />
      <td class={num}>{money(amount)}</td>
    </tr>
  );
  const empty = report.invoiceCount + report.creditNoteCount + report.depositCount === 0 &&
    report.received + report.refunded === 0 && report.outstandingCount === 0;
  return (
    <>
      <PageHeader
        title={t("reports.revenue.title")}
        description={t("reports.revenue.intro", {
          from: localDateText(report.period.from, locale),
          to: end,
          zone: data.zone,
          base,
        })}
        actions={
          <Button href={`${state.studio!.base}/app/reports/revenue.csv?${csvQuery}`} variant="secondary">
            {t("reports.csv")}
          </Button>
        }
      />
      <FormErrorSummary title={t("reports.problem")} errors={summary} class="mt-4" />
      <form method="get" class="my-4 flex flex-wrap items-end gap-3 text-sm">
        <label>
          <span class="block font-medium">{t("reports.period.kind")}</span>
          <select name="period" class="field mt-1">
            {(["month", "quarter", "year", "custom"] as const).map((kind) => (
              <option key={kind} value={kind} selected={form.period === kind}>
                {t(`reports.period.${kind}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span class="block font-medium">{t("reports.period.year")}</span>
          <input type="number" name="year" value={form.year} min="1900" max="2999" class="field mt-1 w-24" />
        </label>
        <label>
          <span class="block font-medium">{t("reports.period.month")}</span>
          <select name="month" class="field mt-1">
            {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
              <option key={m} value={String(m)} selected={form.month === String(m)}>
                {new Intl.DateTimeFormat(locale, { month: "long", timeZone: "UTC" })
                  .format(new Date(Date.UTC(2000, m - 1, 1)))}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span class="block font-medium">{t("reports.period.quarter")}</span>
          <select name="quarter" class="field mt-1">
            {[1, 2, 3, 4].map((q) => (
              <option key={q} value={String(q)} selected={form.quarter === String(q)}>
                {t("reports.period.quarter_n", { n: q })}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span class="block font-medium">{t("reports.period.from")}</span>
          <input
            type="date"
            name="from"
            value={form.from}
            class="field mt-1"
            aria-invalid={!!data.errors.from}
          />
        </label>
        <label>
          <span class="block font-medium">{t("reports.period.to")}</span>
          <input type="date" name="to" value={form.to} class="field mt-1" aria-invalid={!!data.errors.to} />
        </label>
        <Button type="submit" variant="secondary">{t("reports.show")}</Button>
        <p class="basis-full text-ink-muted">{t("reports.period.custom_hint")}</p>
      </form>

      <p class="mb-6 rounded-lg border border-line bg-surface p-4 text-sm" data-testid="conversion-note">
        {t("reports.revenue.conversion")}
      </p>

      {empty && (
        <p class="mb-6 rounded-lg border border-line bg-surface p-6 text-neutral-700">{t("reports.empty")}</p>
      )}

      <section aria-labelledby="summary-heading" class="mb-8">
        <h2 id="summary-heading" class="mb-2 text-lg font-semibold">
          {t("reports.summary.title")} ({base})
        </h2>
        <div class="overflow-x-auto rounded-lg border border-line bg-surface">
          <table class="w-full text-left text-sm">
            <thead class="border-b border-line bg-neutral-50">
              <tr>
                <th scope="col" class={th}>{t("reports.col.item")}</th>
                <th scope="col" class={`${th} text-end`}>{t("reports.col.count")}</th>
                <th scope="col" class={`${th} text-end`}>{t("reports.col.net")}</th>
                <th scope="col" class={`${th} text-end`}>{t("reports.col.tax")}</th>
                <th scope="col" class={`${th} text-end`}>{t("reports.col.total")}</th>
              </tr>
            </thead>
            <tbody class="divide-y divide-line">
              <tr data-row="invoiced">
                <th scope="row" class={`${th} font-medium`}>{t("reports.row.invoiced")}</th>
                <td class={num}>{report.invoiceCount}</td>
                {figureCells(report.invoiced)}
              </tr>
              <tr data-row="credit_notes">
                <th scope="row" class={`${th} font-medium`}>{t("reports.row.credit_notes")}</th>
                <td class={num}>{report.creditNoteCount}</td>
                {figureCells(report.creditNotes)}
              </tr>
              {amountRow("deposits", t("reports.row.deposits"), report.deposits, report.depositCount)}
              {amountRow("received", t("reports.row.received"), report.received)}
              {amountRow("refunded", t("reports.row.refunded"), report.refunded)}
              {amountRow("collected", t("reports.row.collected"), report.collected)}
              {amountRow(
                "outstanding",
                t("reports.row.outstanding", { date: end }),
                report.outstanding,
                report.outstandingCount,
              )}
              {amountRow(
                "overdue",
                t("reports.row.overdue", { date: end }),
                report.overdue,
                report.overdueCount,
              )}
            </tbody>
          </table>
        </div>
        {report.unconverted.length > 0 && (
          <p class="mt-2 text-sm text-ink-muted" data-testid="unconverted">
            {t("reports.unconverted", {
              amounts: report.unconverted.map((u) => money(u.amount, u.currency)).join(", "),
            })}
          </p>
        )}
      </section>

      <section aria-labelledby="taxes-heading" class="mb-8">
        <h2 id="taxes-heading" class="mb-1 text-lg font-semibold">{t("reports.taxes.title")} ({base})</h2>
        <p class="mb-2 text-sm text-ink-muted">{t("reports.taxes.intro")}</p>
        {report.taxes.length === 0
          ? <p class="text-sm">{t("reports.taxes.empty")}</p>
          : (
            <div class="overflow-x-auto rounded-lg border border-line bg-surface">
              <table class="w-full text-left text-sm">
                <thead class="border-b border-line bg-neutral-50">
                  <tr>
                    <th scope="col" class={th}>{t("reports.col.item")}</th>
                    <th scope="col" class={`${th} text-end`}>{t("reports.col.rate")}</th>
                    <th scope="col" class={`${th} text-end`}>{t("reports.col.taxable")}</th>
                    <th scope="col" class={`${th} text-end`}>{t("reports.col.tax")}</th>
                  </tr>
                </thead>
                <tbody class="divide-y divide-line">
                  {report.taxes.map((tax) => (
                    <tr key={`${tax.name}|${tax.rate}|${tax.compound}`} data-tax={`${tax.name} ${tax.rate}`}>
                      <th scope="row" class={`${th} font-medium`}>
                        {tax.name}
                        {tax.compound && (
                          <span class="ms-1 text-ink-muted">({t("reports.taxes.compound")})</span>
                        )}
                      </th>
                      <td class={num}>{tax.rate} %</td>
                      <td class={num}>{money(tax.base)}</td>
                      <td class={num}>{money(tax.amount)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
      </section>

      {report.currencies.length > 0 && (
        <section aria-labelledby="currencies-heading" class="mb-8">
          <h2 id="currencies-heading" class="mb-2 text-lg font-semibold">{t("reports.currencies.title")}</h2>
          <div class="overflow-x-auto rounded-lg border border-line bg-surface">
            <table class="w-full text-left text-sm">
              <thead class="border-b border-line bg-neutral-50">
                <tr>
                  <th scope="col" class={th}>{t("reports.col.currency")}</th>
                  <th scope="col" class={`${th} text-end`}>{t("reports.col.invoiced")}</th>
                  <th scope="col" class={`${th} text-end`}>{t("reports.col.tax")}</th>
                  <th scope="col" class={`${th} text-end`}>{t("reports.col.credit_notes")}</th>
                  <th scope="col" class={`${th} text-end`}>{t("reports.col.deposits")}</th>
                  <th scope="col" class={`${th} text-end`}>{t("reports.col.collected")}</th>
                  <th scope="col" class={`${th} text-end`}>{t("reports.col.outstanding")}</th>
                  <th scope="col" class={`${th} text-end`}>{t("reports.col.overdue")}</th>
                </tr>
              </thead>
              <tbody class="divide-y divide-line">
                {report.currencies.map((c) => (
                  <tr key={c.currency} data-currency={c.currency}>
                    <th scope="row" class={`${th} font-medium`}>{c.currency}</th>
                    <td class={num}>{money(c.invoiced.total, c.currency)}</td>
                    <td class={num}>{money(c.invoiced.tax, c.currency)}</td>
                    <td class={num}>{money(c.creditNotes.total, c.currency)}</td>
                    <td class={num}>{money(c.deposits, c.currency)}</td>
                    <td class={num}>{money(c.collected, c.currency)}</td>
                    <td class={num}>{money(c.outstanding, c.currency)}</td>
                    <td class={num}>{money(c.overdue, c.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      {report.months.length > 1 && (
        <section aria-labelledby="months-heading" class="mb-8">
          <h2 id="months-heading" class="mb-2 text-lg font-semibold">{t("reports.months.title")} ({base})</h2>
          <div class="overflow-x-auto rounded-lg border border-line bg-surface">
            <table class="w-full text-left text-sm">
              <thead class="border-b border-line bg-neutral-50">
                <tr>
                  <th scope="col" class={th}>{t("reports.col.month")}</th>
                  <th scope="col" class={`${th} text-end`}>{t("reports.col.net")}</th>
                  <th scope="col" class={`${th} text-end`}>{t("reports.col.tax")}</th>
                  <th scope="col" class={`${th} text-end`}>{t("reports.col.total")}</th>
                  <th scope="col" class={`${th} text-end`}>{t("reports.col.collected")}</th>
                </tr>
              </thead>
              <tbody class="divide-y divide-line">
                {report.months.map((m) => (
                  <tr key={m.month} data-month={m.month}>
                    <th scope="row" class={`${th} font-medium`}>
                      {new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" })
                        .format(new Date(`${m.month}-15T12:00:00Z`))}
                    </th>
                    {figureCells(m.invoiced)}
                    <td class={num}>{money(m.collected)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </>
  );
});

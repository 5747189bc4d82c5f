import { csvField } from "../audit/csv.ts";
import { toDecimalAmount } from "./currency.ts";
import type { CurrencyFigures, RevenueReport } from "./reports.ts";

/**
 * The report as CSV (UTF-8 with a byte order mark, CRLF): one figure a row, amounts as plain
 * decimals of the row's currency, so a spreadsheet can pivot it. Sections: `summary` (base currency),
 * `currency` (original amounts), `tax` (per rate, base currency and per currency), `month` (base).
 */
export function revenueReportCsv(report: RevenueReport): string {
  const header = ["section", "item", "tax_name", "tax_rate", "month", "currency", "count", "amount"];
  const lines: string[] = [header.join(",")];
  const row = (
    section: string,
    item: string,
    currency: string,
    amount: number,
    extra: { count?: number; month?: string; taxName?: string; taxRate?: string } = {},
  ) =>
    lines.push([
      section,
      item,
      csvField(extra.taxName ?? ""),
      extra.taxRate ?? "",
      extra.month ?? "",
      currency,
      extra.count ?? "",
      toDecimalAmount(amount, currency),
    ].join(","));
  const base = report.baseCurrency;
  const figures = (section: string, c: string, f: Omit<CurrencyFigures, "currency">) => {
    row(section, "invoiced_net", c, f.invoiced.net, { count: f.invoiceCount });
    row(section, "invoiced_tax", c, f.invoiced.tax);
    row(section, "invoiced_total", c, f.invoiced.total);
    row(section, "credit_notes_total", c, f.creditNotes.total, { count: f.creditNoteCount });
    row(section, "deposits_total", c, f.deposits, { count: f.depositCount });
    row(section, "received", c, f.received);
    row(section, "refunded", c, f.refunded);
    row(section, "collected", c, f.collected);
    row(section, "outstanding", c, f.outstanding, { count: f.outstandingCount });
    row(section, "overdue", c, f.overdue, { count: f.overdueCount });
  };
  figures("summary", base, report);
  for (const u of report.unconverted) row("summary", "unconverted_payments", u.currency, u.amount);
  for (const c of report.currencies) figures("currency", c.currency, c);
  for (const t of report.taxes) {
    const tax = { taxName: t.name, taxRate: t.rate };
    row("tax", "taxable_amount", base, t.base, tax);
    row("tax", "tax", base, t.amount, tax);
    for (const c of t.byCurrency) {
      row("tax_currency", "taxable_amount", c.currency, c.base, tax);
      row("tax_currency", "tax", c.currency, c.amount, tax);
    }
  }
  for (const m of report.months) {
    row("month", "invoiced_net", base, m.invoiced.net, { month: m.month });
    row("month", "invoiced_tax", base, m.invoiced.tax, { month: m.month });
    row("month", "invoiced_total", base, m.invoiced.total, { month: m.month });
    row("month", "collected", base, m.collected, { month: m.month });
  }
  return "\uFEFF" + lines.map((line) => line + "\r\n").join("");
}

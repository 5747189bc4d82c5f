/**
 * The revenue report: what a period invoiced, collected and left outstanding, in the studio's base
 * currency, with the same figures per currency in original amounts, the tax per rate and a row per
 * month. Rules: docs/BILLING.md ("Revenue report").
 *
 * **Conversion rule.** Every document, payment and balance is converted on its own, at the exchange
 * rate stored on its document (a payment at its invoice's rate), rounded once half away from zero to
 * the base currency's minor unit, and only then summed: the report's totals are sums of per-document
 * figures that can each be checked on the document. A document's total in the base currency is its
 * stored `total_in_base` (the net converted plus each tax rate's amount converted, as the totals
 * engine and the PDF print it), so the taxes per rate add up to the tax total exactly. A payment
 * without an invoice (all credit) has no stored rate: it is converted at the studio's current rate
 * for its currency, and listed as unconverted when there is none.
 *
 * The conversion runs in SQL (`numeric` is exact and its `round` is half away from zero, like
 * `convertAmount`); only the tax per rate is recomputed by the totals engine from each document's
 * lines, because documents store the tax total, not its split per rate.
 */
import { inArray, type SQL, sql } from "drizzle-orm";
import { Temporal } from "temporal-polyfill";
import { billingDocuments, documentLines } from "../../db/schema/mod.ts";
import { rowsOf } from "../tenancy/migrations.ts";
import { ACTIVE_CURRENCIES, currencyExponent } from "./currency.ts";
import { documentTotals } from "./document_totals.ts";
import type { Db } from "./documents.ts";
import type { PeriodKind, ReportPeriod } from "./report_period.ts";

/** Net, tax and total of documents, in one currency's minor units. */
export interface Figures {
  net: number;
  tax: number;
  total: number;
}

/** One currency's figures in its own minor units. */
export interface CurrencyFigures {
  currency: string;
  /** Invoices issued less credit notes issued against them. */
  invoiced: Figures;
  invoiceCount: number;
  /** Credit notes on invoices, as positive amounts (already deducted from `invoiced`). */
  creditNotes: Figures;
  creditNoteCount: number;
  /** Deposit invoices issued less their credit notes (not part of `invoiced`). */
  deposits: number;
  depositCount: number;
  received: number;
  /** Positive: money paid back. */
  refunded: number;
  /** received − refunded. */
  collected: number;
  /** Balances at the end of the period. */
  outstanding: number;
  outstandingCount: number;
  overdue: number;
  overdueCount: number;
}

export interface TaxRow {
  name: string;
  /** Exact decimal percentage, "20". */
  rate: string;
  compound: boolean;
  /** In the base currency: taxable amount and tax, invoices less credit notes. */
  base: number;
  amount: number;
  /** The same in each document currency's own minor units. */
  byCurrency: { currency: string; base: number; amount: number }[];
}

export interface MonthRow {
  /** "2026-03" */
  month: string;
  /** Base currency. */
  invoiced: Figures;
  collected: number;
}

/** The whole report: the same figures as one currency's, in the base currency's minor units. */
export interface RevenueReport extends Omit<CurrencyFigures, "currency"> {
  period: ReportPeriod;
  baseCurrency: string;
  taxes: TaxRow[];
  currencies: CurrencyFigures[];
  months: MonthRow[];
  /** Payments without an invoice in a currency with no exchange rate: left out of the base figures. */
  unconverted: { currency: string; amount: number }[];
}

/** Exponents other than 2, for SQL: `coalesce(map ->> currency, 2)`. */
const EXPONENTS = JSON.stringify(
  Object.fromEntries(
    ACTIVE_CURRENCIES.map((c) => [c, currencyExponent(c)] as const).filter(([, e]) => e !== 2),
  ),
);

function exponentSql(currency: SQL): SQL {
  return sql`coalesce((${EXPONENTS}::jsonb ->> (${currency})::text)::int, 2)`;
}

/**
 * `amount` (minor units of `currency`) in minor units of `base` at `rate` (units of base per unit),
 * rounded once, half away from zero: `convertAmount` in SQL. Null when the rate is null.
 */
export function toBaseSql(amount: SQL, currency: SQL, base: SQL, rate: SQL): SQL {
  return sql`round((${amount})::numeric * (${rate})::numeric * power(10::numeric, (${exponentSql(base)} - ${
    exponentSql(currency)
  })::numeric))`;
}

const num = (value: unknown) => value === null || value === undefined ? 0 : Number(value);
const zero = (): Figures => ({ net: 0, tax: 0, total: 0 });
const add = (a: Figures, b: Figures, sign = 1): Figures => ({
  net: a.net + sign * b.net,
  tax: a.tax + sign * b.tax,
  total: a.total + sign * b.total,
});

function emptyCurrency(currency: string): CurrencyFigures {
  return {
    currency,
    invoiced: zero(),
    invoiceCount: 0,
    creditNotes: zero(),
    creditNoteCount: 0,
    deposits: 0,
    depositCount: 0,
    received: 0,
    refunded: 0,
    collected: 0,
    outstanding: 0,
    outstandingCount: 0,
    overdue: 0,
    overdueCount: 0,
  };
}

/** The months a period touches, "2026-01" … "2026-12". */
export function monthsOf(period: { from: string; to: string }): string[] {
  const months: string[] = [];
  let at = Temporal.PlainYearMonth.from(period.from.slice(0, 7));
  const last = Temporal.PlainYearMonth.from(period.to.slice(0, 7));
  while (Temporal.PlainYearMonth.compare(at, last) <= 0) {
    months.push(at.toString());
    at = at.add({ months: 1 });
  }
  return months;
}

interface DocumentGroup {
  kind: "invoice" | "deposit_invoice" | "credit_note";
  credits: string | null;
  currency: string;
  month: string;
  n: string;
  net: string;
  tax: string;
  total: string;
  net_base: string;
  total_base: string;
}

interface PaymentGroup {
  currency: string;
  month: string;
  refund: boolean;
  amount: string;
  amount_base: string | null;
  unconverted: string | null;
}

interface BalanceGroup {
  currency: string;
  n: string;
  amount: string;
  amount_base: string;
  overdue_n: string;
  overdue: string;
  overdue_base: string;
}

/**
 * The revenue report of `period` (local dates) in `baseCurrency` (the studio's). Three set-based
 * queries (documents issued, payments received, balances at the end) and one read of the period's
 * invoice and credit-note lines for the tax per rate.
 */
export async function revenueReport(
  db: Db,
  period: { from: string; to: string; kind?: PeriodKind },
  baseCurrency: string,
): Promise<RevenueReport> {
  const { from, to } = period;
  const base = sql`${baseCurrency}`;
  const d = (column: string) => sql.raw(`d.${column}`);

  const documentRows = db.execute(sql`
    SELECT d.kind, r.kind AS credits, trim(d.currency) AS currency, to_char(d.issue_date, 'YYYY-MM') AS month,
      count(*)::text AS n, sum(d.net_total)::text AS net, sum(d.tax_total)::text AS tax,
      sum(d.total)::text AS total,
      sum(${
    toBaseSql(d("net_total"), d("currency"), d("base_currency"), d("exchange_rate"))
  })::text AS net_base,
      sum(d.total_in_base)::text AS total_base
    FROM billing_documents d
    LEFT JOIN billing_documents r ON d.kind = 'credit_note' AND r.id = d.related_document_id
    WHERE d.kind IN ('invoice', 'deposit_invoice', 'credit_note') AND d.status <> 'draft'
      AND d.issue_date BETWEEN ${from}::date AND ${to}::date
    GROUP BY 1, 2, 3, 4`);

  // Credit applied to an invoice is not money received: the overpayment it came from was.
  const paymentRate = sql`CASE WHEN p.currency = ${base} THEN '1' ELSE coalesce(i.exchange_rate, x.rate) END`;
  const paymentRows = db.execute(sql`
    SELECT trim(p.currency) AS currency, to_char(p.received_on, 'YYYY-MM') AS month, p.amount < 0 AS refund,
      sum(p.amount)::text AS amount,
      sum(${toBaseSql(sql.raw("p.amount"), sql.raw("p.currency"), base, paymentRate)})::text AS amount_base,
      sum(p.amount) FILTER (WHERE ${paymentRate} IS NULL)::text AS unconverted
    FROM payments p
    LEFT JOIN billing_documents i ON i.id = p.document_id
    LEFT JOIN exchange_rates x ON x.currency = p.currency
    WHERE p.voided_at IS NULL AND p.method <> 'credit'
      AND p.received_on BETWEEN ${from}::date AND ${to}::date
    GROUP BY 1, 2, 3`);

  // Balances as they stood at the end of the period: payments received and credit notes issued by
  // then. A payment's share of the invoice is its amount less the credit it left (an overpayment)
  // or took back (a refund out of credit); credit applied is all invoice.
  const balanceRows = db.execute(sql`
    WITH paid AS (
      SELECT p.document_id,
        sum(CASE WHEN p.method = 'credit' THEN p.amount ELSE p.amount - coalesce(c.amount, 0) END) AS amount
      FROM payments p
      LEFT JOIN (
        SELECT payment_id, sum(amount) AS amount FROM client_credits WHERE payment_id IS NOT NULL
        GROUP BY payment_id
      ) c ON c.payment_id = p.id
      WHERE p.document_id IS NOT NULL AND p.voided_at IS NULL AND p.received_on <= ${to}::date
      GROUP BY p.document_id
    ), credited AS (
      SELECT related_document_id AS document_id, sum(total) AS amount FROM billing_documents
      WHERE kind = 'credit_note' AND status <> 'draft' AND issue_date <= ${to}::date
      GROUP BY related_document_id
    ), balances AS (
      SELECT d.currency, d.base_currency, d.exchange_rate, d.due_date,
        d.total - d.deposits_applied - coalesce(paid.amount, 0) - coalesce(credited.amount, 0) AS balance
      FROM billing_documents d
      LEFT JOIN paid ON paid.document_id = d.id
      LEFT JOIN credited ON credited.document_id = d.id
      WHERE d.kind IN ('invoice', 'deposit_invoice') AND d.status <> 'draft' AND d.issue_date <= ${to}::date
    ), converted AS (
      SELECT *, ${
    toBaseSql(sql.raw("balance"), sql.raw("currency"), sql.raw("base_currency"), sql.raw("exchange_rate"))
  }
        AS balance_base
      FROM balances WHERE balance > 0
    )
    SELECT trim(currency) AS currency, count(*)::text AS n, sum(balance)::text AS amount,
      sum(balance_base)::text AS amount_base,
      count(*) FILTER (WHERE due_date < ${to}::date)::text AS overdue_n,
      coalesce(sum(balance) FILTER (WHERE due_date < ${to}::date), 0)::text AS overdue,
      coalesce(sum(balance_base) FILTER (WHERE due_date < ${to}::date), 0)::text AS overdue_base
    FROM converted GROUP BY 1`);

  const [documents, paid, balances, taxes] = await Promise.all([
    documentRows.then((r) => rowsOf<DocumentGroup>(r)),
    paymentRows.then((r) => rowsOf<PaymentGroup>(r)),
    balanceRows.then((r) => rowsOf<BalanceGroup>(r)),
    taxesPerRate(db, period),
  ]);

  const months = new Map(monthsOf(period).map((month) => [month, { month, invoiced: zero(), collected: 0 }]));
  const currencies = new Map<string, CurrencyFigures>();
  const currencyOf = (code: string) => {
    let row = currencies.get(code);
    if (!row) currencies.set(code, row = emptyCurrency(code));
    return row;
  };
  const { currency: _, ...noFigures } = emptyCurrency(baseCurrency);
  const report: RevenueReport = {
    period: { kind: period.kind ?? "custom", from, to },
    ...noFigures,
    baseCurrency,
    taxes,
    currencies: [],
    months: [],
    unconverted: [],
  };

  for (const g of documents) {
    const own: Figures = { net: num(g.net), tax: num(g.tax), total: num(g.total) };
    const inBase: Figures = {
      net: num(g.net_base),
      tax: num(g.total_base) - num(g.net_base),
      total: num(g.total_base),
    };
    const count = num(g.n);
    const cur = currencyOf(g.currency);
    const month = months.get(g.month)!;
    const deposit = g.kind === "deposit_invoice" ||
      (g.kind === "credit_note" && g.credits === "deposit_invoice");
    if (deposit) {
      const sign = g.kind === "credit_note" ? -1 : 1;
      cur.deposits += sign * own.total;
      report.deposits += sign * inBase.total;
      if (g.kind === "deposit_invoice") {
        cur.depositCount += count;
        report.depositCount += count;
      }
    } else if (g.kind === "invoice") {
      cur.invoiced = add(cur.invoiced, own);
      cur.invoiceCount += count;
      report.invoiced = add(report.invoiced, inBase);
      report.invoiceCount += count;
      month.invoiced = add(month.invoiced, inBase);
    } else {
      cur.invoiced = add(cur.invoiced, own, -1);
      cur.creditNotes = add(cur.creditNotes, own);
      cur.creditNoteCount += count;
      report.invoiced = add(report.invoiced, inBase, -1);
      report.creditNotes = add(report.creditNotes, inBase);
      report.creditNoteCount += count;
      month.invoiced = add(month.invoiced, inBase, -1);
    }
  }

  const unconverted = new Map<string, number>();
  for (const g of paid) {
    const cur = currencyOf(g.currency);
    const amount = num(g.amount);
    const inBase = num(g.amount_base);
    if (g.refund) {
      cur.refunded -= amount;
      report.refunded -= inBase;
    } else {
      cur.received += amount;
      report.received += inBase;
    }
    cur.collected += amount;
    report.collected += inBase;
    months.get(g.month)!.collected += inBase;
    if (g.unconverted !== null && num(g.unconverted) !== 0) {
      unconverted.set(g.currency, (unconverted.get(g.currency) ?? 0) + num(g.unconverted));
    }
  }

  for (const g of balances) {
    const cur = currencyOf(g.currency);
    cur.outstanding = num(g.amount);
    cur.outstandingCount = num(g.n);
    cur.overdue = num(g.overdue);
    cur.overdueCount = num(g.overdue_n);
    report.outstanding += num(g.amount_base);
    report.outstandingCount += num(g.n);
    report.overdue += num(g.overdue_base);
    report.overdueCount += num(g.overdue_n);
  }

  report.currencies = [...currencies.values()].sort((a, b) =>
    a.currency === baseCurrency ? -1 : b.currency === baseCurrency ? 1 : a.currency.localeCompare(b.currency)
  );
  report.months = [...months.values()];
  report.unconverted = [...unconverted].map(([currency, amount]) => ({ currency, amount }))
    .sort((a, b) => a.currency.localeCompare(b.currency));
  return report;
}

/**
 * Tax per rate of the invoices issued in the period less the credit notes issued against invoices,
 * recomputed by the totals engine from each document's lines (documents store only their tax total),
 * each rate converted per document (`inBaseCurrency.taxSummary`) and then summed. Rates are grouped
 * by name, rate and kind as printed. Deposit invoices carry no tax here (the final invoice does).
 */
async function taxesPerRate(db: Db, period: { from: string; to: string }): Promise<TaxRow[]> {
  const credited = sql.raw(
    "(SELECT r.kind FROM billing_documents r WHERE r.id = billing_documents.related_document_id)",
  );
  const docs = await db.select().from(billingDocuments).where(sql`${billingDocuments.status} <> 'draft'
    AND ${billingDocuments.issueDate} BETWEEN ${period.from}::date AND ${period.to}::date
    AND (${billingDocuments.kind} = 'invoice' OR (${billingDocuments.kind} = 'credit_note' AND ${credited} = 'invoice'))`);
  if (docs.length === 0) return [];
  const lines = await db.select().from(documentLines)
    .where(inArray(documentLines.documentId, docs.map((doc) => doc.id)))
    .orderBy(documentLines.documentId, documentLines.position);
  const linesOf = Map.groupBy(lines, (line) => line.documentId);
  const rows = new Map<string, TaxRow & { currencies: Map<string, { base: number; amount: number }> }>();
  for (const doc of docs) {
    const totals = documentTotals(doc, linesOf.get(doc.id) ?? []);
    const sign = doc.kind === "credit_note" ? -1 : 1;
    const currency = doc.currency.trim();
    for (const tax of totals.taxSummary) {
      const key = JSON.stringify([tax.name, tax.rate, tax.compound]);
      let row = rows.get(key);
      if (!row) {
        row = {
          name: tax.name,
          rate: tax.rate,
          compound: tax.compound,
          base: 0,
          amount: 0,
          byCurrency: [],
          currencies: new Map(),
        };
        rows.set(key, row);
      }
      const converted = totals.inBaseCurrency?.taxSummary.find((t) => t.id === tax.id);
      row.base += sign * (converted?.base ?? tax.base);
      row.amount += sign * (converted?.amount ?? tax.amount);
      const own = row.currencies.get(currency) ?? { base: 0, amount: 0 };
      own.base += sign * tax.base;
      own.amount += sign * tax.amount;
      row.currencies.set(currency, own);
    }
  }
  return [...rows.values()]
    .map(({ currencies, ...row }) => ({
      ...row,
      byCurrency: [...currencies].map(([currency, v]) => ({ currency, ...v }))
        .sort((a, b) => a.currency.localeCompare(b.currency)),
    }))
    .sort((a, b) => a.name.localeCompare(b.name) || Number(a.rate) - Number(b.rate));
}

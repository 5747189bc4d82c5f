/**
 * CSV exports for accountants, for a period of local dates: invoices (and deposit invoices) and credit
 * notes by issue date, payments by the date received. Amounts are plain decimals in each row's
 * currency (`toDecimalAmount`: "1190.00", dot decimal, no grouping) so any spreadsheet or accounting
 * import reads them; documents also carry their exchange rate and total in the base currency.
 * Streamed in batches, so a year of invoices never sits in memory.
 */
import { and, asc, eq, gt, gte, inArray, isNull, lte, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { billingDocuments, clients, payments } from "../../db/schema/mod.ts";
import { csvField } from "../audit/csv.ts";
import { ValidationError } from "../errors.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { balanceDue } from "./balance.ts";
import { toDecimalAmount } from "./currency.ts";
import type { DocumentRow } from "./documents.ts";

export const EXPORT_KINDS = ["invoices", "credit-notes", "payments"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export interface ExportPeriod {
  /** Local dates, inclusive. */
  from: string;
  to: string;
}

const BATCH = 500;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

type Column<Row> = [header: string, value: (row: Row) => unknown];

const money = (amount: number, row: { currency: string }) => toDecimalAmount(amount, row.currency);

const INVOICE_COLUMNS: Column<DocumentRow>[] = [
  ["number", (d) => d.number],
  ["kind", (d) => d.kind],
  ["issue_date", (d) => d.issueDate],
  ["due_date", (d) => d.dueDate],
  ["client", (d) => d.clientSnapshot?.name],
  ["client_tax_id", (d) => d.clientSnapshot?.taxId],
  ["currency", (d) => d.currency],
  ["net", (d) => money(d.netTotal, d)],
  ["tax", (d) => money(d.taxTotal, d)],
  ["total", (d) => money(d.total, d)],
  ["deposits_deducted", (d) => money(d.depositsApplied, d)],
  ["exchange_rate", (d) => d.exchangeRate],
  ["base_currency", (d) => d.baseCurrency],
  ["total_in_base_currency", (d) => toDecimalAmount(d.totalInBase, d.baseCurrency)],
  ["paid", (d) => money(d.amountPaid, d)],
  ["credited", (d) => money(d.amountCredited, d)],
  ["balance", (d) => money(balanceDue(d), d)],
  ["status", (d) => d.status],
];

type CreditNoteRow = DocumentRow & { invoiceNumber: string | null };

const CREDIT_NOTE_COLUMNS: Column<CreditNoteRow>[] = [
  ["number", (d) => d.number],
  ["issue_date", (d) => d.issueDate],
  ["invoice_number", (d) => d.invoiceNumber],
  ["client", (d) => d.clientSnapshot?.name],
  ["client_tax_id", (d) => d.clientSnapshot?.taxId],
  ["currency", (d) => d.currency],
  ["net", (d) => money(d.netTotal, d)],
  ["tax", (d) => money(d.taxTotal, d)],
  ["total", (d) => money(d.total, d)],
  ["exchange_rate", (d) => d.exchangeRate],
  ["base_currency", (d) => d.baseCurrency],
  ["total_in_base_currency", (d) => toDecimalAmount(d.totalInBase, d.baseCurrency)],
];

type PaymentExportRow = typeof payments.$inferSelect & { clientName: string; invoiceNumber: string | null };

const PAYMENT_COLUMNS: Column<PaymentExportRow>[] = [
  ["date", (p) => p.receivedOn],
  ["method", (p) => p.method],
  ["reference", (p) => p.reference],
  ["client", (p) => p.clientName],
  ["invoice_number", (p) => p.invoiceNumber],
  ["amount", (p) => money(p.amount, p)],
  ["currency", (p) => p.currency],
  ["note", (p) => p.note],
];

/** A period from query parameters `from` and `to` (local dates), or a 422 naming the bad one. */
export function parsePeriod(params: URLSearchParams): ExportPeriod {
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  if (!DATE.test(from)) throw new ValidationError({ from: "Give the first day as YYYY-MM-DD." });
  if (!DATE.test(to)) throw new ValidationError({ to: "Give the last day as YYYY-MM-DD." });
  if (to < from) throw new ValidationError({ to: "The last day comes before the first." });
  return { from, to };
}

/**
 * The export of `kind` for `period` as a UTF-8 CSV stream (byte order mark for Excel, CRLF lines,
 * header first; cells that a spreadsheet would run as formulas are quoted — see csvField).
 */
export function exportCsv(db: TenantDb, kind: ExportKind, period: ExportPeriod): ReadableStream<Uint8Array> {
  switch (kind) {
    case "invoices":
      return csvStream(
        INVOICE_COLUMNS,
        (after) => documentBatch(db, ["invoice", "deposit_invoice"], period, after),
      );
    case "credit-notes":
      return csvStream(CREDIT_NOTE_COLUMNS, (after) => creditNoteBatch(db, period, after));
    case "payments":
      return csvStream(PAYMENT_COLUMNS, (after) => paymentBatch(db, period, after));
  }
}

/** Writes `columns` of each batch `next` returns until one is short, keyed on the last row's (date, id). */
function csvStream<Row extends { id: string }>(
  columns: Column<Row>[],
  next: (after?: Row) => Promise<Row[]>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after: Row | undefined;
  let first = true;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const rows = await next(after);
      const lines = rows.map((row) => columns.map(([, value]) => csvField(value(row))).join(","));
      if (first) lines.unshift("\uFEFF" + columns.map(([header]) => header).join(","));
      first = false;
      if (lines.length > 0) controller.enqueue(encoder.encode(lines.map((l) => l + "\r\n").join("")));
      if (rows.length < BATCH) controller.close();
      else after = rows.at(-1);
    },
  });
}

function documentBatch(
  db: TenantDb,
  kinds: DocumentRow["kind"][],
  period: ExportPeriod,
  after?: DocumentRow,
): Promise<DocumentRow[]> {
  const d = billingDocuments;
  return db.select().from(d).where(and(
    inArray(d.kind, kinds),
    gte(d.issueDate, period.from),
    lte(d.issueDate, period.to),
    after
      ? or(gt(d.issueDate, after.issueDate!), and(eq(d.issueDate, after.issueDate!), gt(d.id, after.id)))
      : undefined,
  )).orderBy(asc(d.issueDate), asc(d.id)).limit(BATCH);
}

async function creditNoteBatch(db: TenantDb, period: ExportPeriod, after?: CreditNoteRow) {
  const d = billingDocuments;
  const invoice = alias(billingDocuments, "invoice");
  const rows = await db.select({ note: d, invoiceNumber: invoice.number }).from(d)
    .leftJoin(invoice, eq(invoice.id, d.relatedDocumentId))
    .where(and(
      eq(d.kind, "credit_note"),
      gte(d.issueDate, period.from),
      lte(d.issueDate, period.to),
      after
        ? or(gt(d.issueDate, after.issueDate!), and(eq(d.issueDate, after.issueDate!), gt(d.id, after.id)))
        : undefined,
    )).orderBy(asc(d.issueDate), asc(d.id)).limit(BATCH);
  return rows.map((r) => ({ ...r.note, invoiceNumber: r.invoiceNumber }));
}

/** Payments and refunds received in the period; voided ones are left out (no money moved). */
async function paymentBatch(db: TenantDb, period: ExportPeriod, after?: PaymentExportRow) {
  const p = payments;
  const rows = await db.select({
    payment: p,
    clientName: clients.name,
    invoiceNumber: billingDocuments.number,
  })
    .from(p)
    .innerJoin(clients, eq(clients.id, p.clientId))
    .leftJoin(billingDocuments, eq(billingDocuments.id, p.documentId))
    .where(and(
      isNull(p.voidedAt),
      gte(p.receivedOn, period.from),
      lte(p.receivedOn, period.to),
      after
        ? or(gt(p.receivedOn, after.receivedOn), and(eq(p.receivedOn, after.receivedOn), gt(p.id, after.id)))
        : undefined,
    )).orderBy(asc(p.receivedOn), asc(p.id)).limit(BATCH);
  return rows.map((r) => ({ ...r.payment, clientName: r.clientName, invoiceNumber: r.invoiceNumber }));
}

/**
 * The lists of quotes, invoices and credit notes: newest first, filtered by status, overdue, client or
 * a search on the number or the client's name, one page at a time by keyset (never OFFSET), so the
 * 1,000th page costs what the first does. One query per page, reading `billing_documents_list_idx`
 * (kind, created_at DESC, id) or, with a status, `billing_documents_status_idx`.
 */
import { and, asc, desc, eq, gt, inArray, lt, lte, or, type SQL, sql } from "drizzle-orm";
import { billingDocuments, clients, type DocumentKind, type DocumentStatus } from "../../db/schema/mod.ts";
import { ValidationError } from "../errors.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { balanceDue, isOverdue } from "./balance.ts";

export interface DocumentListQuery {
  kind: DocumentKind | DocumentKind[];
  status?: DocumentStatus;
  /** Only issued invoices past their due date with money still due (`today`: the studio's local date). */
  overdue?: { today: string };
  clientId?: string;
  /** Part of the number ("0042", "INV-2026") or of the client's name. */
  q?: string;
  /** The `next` cursor of the previous page. */
  after?: string;
  limit?: number;
}

/** A document as lists show it: stored totals (never recomputed for a list) and the client's name. */
export interface DocumentListRow {
  id: string;
  kind: DocumentKind;
  status: DocumentStatus;
  number: string | null;
  title: string | null;
  clientId: string;
  clientName: string;
  currency: string;
  total: number;
  depositsApplied: number;
  amountPaid: number;
  amountCredited: number;
  issueDate: string | null;
  dueDate: string | null;
  validUntil: string | null;
  revision: number;
  createdAt: Date;
}

export interface DocumentPage {
  rows: DocumentListRow[];
  /** Pass as `after` for the next page; absent on the last page. */
  next?: string;
}

export const DEFAULT_PAGE_SIZE = 50;

/**
 * One page of documents, newest first.
 *
 * @example
 * const page = await listDocuments(db, { kind: "invoice", status: "issued", limit: 50 });
 * const more = page.next && await listDocuments(db, { kind: "invoice", status: "issued", after: page.next });
 */
export async function listDocuments(db: TenantDb, query: DocumentListQuery): Promise<DocumentPage> {
  const limit = Math.min(Math.max(query.limit ?? DEFAULT_PAGE_SIZE, 1), 200);
  const d = billingDocuments;
  const kinds = [query.kind].flat();
  const where: (SQL | undefined)[] = [kinds.length === 1 ? eq(d.kind, kinds[0]) : inArray(d.kind, kinds)];
  if (query.status) where.push(eq(d.status, query.status));
  if (query.overdue) {
    where.push(
      inArray(d.status, ["issued", "partially_paid"]),
      lt(d.dueDate, query.overdue.today),
      sql`${d.total} - ${d.depositsApplied} - ${d.amountPaid} - ${d.amountCredited} > 0`,
    );
  }
  if (query.clientId) where.push(eq(d.clientId, query.clientId));
  const q = query.q?.trim().toLowerCase();
  if (q) {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // The client side goes through clients.search_text and its trigram index (docs/BILLING.md, "Search").
    where.push(or(
      sql`lower(${d.number}) LIKE ${pattern}`,
      sql`${d.clientId} IN (SELECT ${clients.id} FROM ${clients} WHERE ${clients.searchText} LIKE ${pattern})`,
    ));
  }
  if (query.after) {
    const cursor = readCursor(query.after);
    // (created_at DESC, id ASC): the index order, so the scan starts right after the cursor.
    where.push(
      lte(d.createdAt, sql`${cursor.at}::timestamptz`),
      or(lt(d.createdAt, sql`${cursor.at}::timestamptz`), gt(d.id, cursor.id)),
    );
  }
  const rows = await db.select({
    id: d.id,
    kind: d.kind,
    status: d.status,
    number: d.number,
    title: d.title,
    clientId: d.clientId,
    clientName: clients.name,
    currency: d.currency,
    total: d.total,
    depositsApplied: d.depositsApplied,
    amountPaid: d.amountPaid,
    amountCredited: d.amountCredited,
    issueDate: d.issueDate,
    dueDate: d.dueDate,
    validUntil: d.validUntil,
    revision: d.revision,
    createdAt: d.createdAt,
    // Postgres keeps microseconds that a JS Date would drop: the cursor keeps the exact text.
    cursorAt: sql<string>`${d.createdAt}::text`,
  }).from(d).innerJoin(clients, eq(clients.id, d.clientId))
    .where(and(...where))
    .orderBy(desc(d.createdAt), asc(d.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit).map(({ cursorAt: _, ...row }) => ({
    ...row,
    currency: row.currency.trim(),
  }));
  const last = rows[limit - 1];
  return { rows: page, next: rows.length > limit ? writeCursor(last.cursorAt, last.id) : undefined };
}

function writeCursor(at: string, id: string): string {
  return btoa(JSON.stringify([at, id])).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

// Postgres's text of a timestamptz: "2026-11-01 10:00:00.123456+00".
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/;

function readCursor(text: string): { at: string; id: string } {
  try {
    const [at, id] = JSON.parse(atob(text.replace(/-/g, "+").replace(/_/g, "/")));
    if (typeof at === "string" && typeof id === "string" && TIMESTAMP.test(at)) {
      return { at, id };
    }
  } catch {
    // Falls through to the error below.
  }
  throw new ValidationError({ after: "This page link is broken: go back to the first page." });
}

export type DisplayStatus = DocumentStatus | "overdue";

/** The status a list or page shows: the stored one, or "overdue" for an unpaid invoice past its due date. */
export function displayStatus(
  doc: Pick<
    DocumentListRow,
    "kind" | "status" | "total" | "depositsApplied" | "amountPaid" | "amountCredited" | "dueDate"
  >,
  today: string,
): DisplayStatus {
  return isOverdue(doc, today) ? "overdue" : doc.status;
}

/** What the client still owes on a listed invoice; null for quotes and credit notes. */
export function listBalance(row: DocumentListRow): number | null {
  return row.kind === "invoice" || row.kind === "deposit_invoice" ? balanceDue(row) : null;
}

/** Per currency, what a client owes on its issued invoices: the client hub's balance. */
export async function clientBalances(
  db: TenantDb,
  clientId: string,
): Promise<{ currency: string; balance: number }[]> {
  const d = billingDocuments;
  const rows = await db.select({
    currency: d.currency,
    balance: sql<string>`sum(${d.total} - ${d.depositsApplied} - ${d.amountPaid} - ${d.amountCredited})`,
  }).from(d).where(and(
    eq(d.clientId, clientId),
    inArray(d.kind, ["invoice", "deposit_invoice"]),
    inArray(d.status, ["issued", "partially_paid", "paid", "credited"]),
  )).groupBy(d.currency).orderBy(asc(d.currency));
  return rows.map((r) => ({ currency: r.currency.trim(), balance: Number(r.balance) }))
    .filter((r) => r.balance !== 0);
}

/** The client hub's card: the client's latest documents of every kind and what it owes, per currency. */
export async function clientDocuments(db: TenantDb, clientId: string, limit = 10) {
  const [page, balances] = await Promise.all([
    listDocuments(db, { kind: ["quote", "invoice", "deposit_invoice", "credit_note"], clientId, limit }),
    clientBalances(db, clientId),
  ]);
  return { rows: page.rows, more: page.next !== undefined, balances };
}

export type ClientDocuments = Awaited<ReturnType<typeof clientDocuments>>;

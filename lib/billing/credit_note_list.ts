/**
 * The credit-note list with the filters accountants and integrations need beyond listDocuments':
 * the invoice credited and a period of issue dates. One keyset page, newest first.
 */
import { and, asc, desc, eq, gt, gte, lt, lte, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { billingDocuments, clients } from "../../db/schema/mod.ts";
import type { Db } from "./documents.ts";

export interface CreditNoteFilter {
  clientId?: string;
  invoiceId?: string;
  status?: "draft" | "issued";
  /** Issue dates, inclusive (studio-local); drafts have none, so a period lists issued notes only. */
  from?: string;
  to?: string;
  after?: [string, string];
  limit: number;
}

/**
 * Credit notes newest first, by (created_at DESC, id) like the staff list, so the scan follows
 * billing_documents_list_idx. listDocuments has no invoice or period filter, hence this query.
 */
export async function listCreditNotes(db: Db, filter: CreditNoteFilter) {
  const d = billingDocuments;
  const invoice = alias(billingDocuments, "invoice");
  const rows = await db.select({
    id: d.id,
    status: d.status,
    number: d.number,
    clientId: d.clientId,
    clientName: clients.name,
    invoiceId: d.relatedDocumentId,
    invoiceNumber: invoice.number,
    reason: d.notes,
    currency: d.currency,
    total: d.total,
    issueDate: d.issueDate,
    version: d.version,
    createdAt: d.createdAt,
    // The exact timestamptz text: a JS Date would drop the microseconds the order depends on.
    cursorAt: sql<string>`${d.createdAt}::text`,
  }).from(d)
    .innerJoin(clients, eq(clients.id, d.clientId))
    .leftJoin(invoice, eq(invoice.id, d.relatedDocumentId))
    .where(and(
      eq(d.kind, "credit_note"),
      filter.clientId ? eq(d.clientId, filter.clientId) : undefined,
      filter.invoiceId ? eq(d.relatedDocumentId, filter.invoiceId) : undefined,
      filter.status ? eq(d.status, filter.status) : undefined,
      filter.from ? gte(d.issueDate, filter.from) : undefined,
      filter.to ? lte(d.issueDate, filter.to) : undefined,
      filter.after
        ? or(
          lt(d.createdAt, sql`${filter.after[0]}::timestamptz`),
          and(eq(d.createdAt, sql`${filter.after[0]}::timestamptz`), gt(d.id, filter.after[1])),
        )
        : undefined,
    ))
    .orderBy(desc(d.createdAt), asc(d.id))
    .limit(filter.limit);
  return rows;
}

/**
 * What a document's staff page shows, read in one call: the document and its lines, its figures from
 * the totals engine, who it is from and to (frozen snapshots once issued, the live records on a
 * draft), what is still due, the documents it is linked to, and the studio's local date.
 */
import { and, asc, eq, or } from "drizzle-orm";
import { billingDocuments, type DocumentKind, type PartySnapshot } from "../../db/schema/mod.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { balanceDue } from "./balance.ts";
import { type DisplayStatus, displayStatus } from "./document_list.ts";
import { documentTotals } from "./document_totals.ts";
import { type BillingDocument, type DocumentRow, getDocument, type Tx } from "./documents.ts";
import { clientSnapshot, issuerSnapshot, localDateOf } from "./issue.ts";
import { getIssuer } from "./settings.ts";
import type { DocumentTotals } from "./totals.ts";

export interface DocumentView {
  doc: BillingDocument;
  totals: DocumentTotals;
  status: DisplayStatus;
  issuer: PartySnapshot & { taxIds: string[] };
  client: PartySnapshot;
  /** Invoices and deposit invoices: what the client still owes. */
  balance: number | null;
  /** The document this one credits or came from, and those made from it (credit notes, invoices). */
  related: DocumentRow | null;
  derived: DocumentRow[];
  today: string;
  zone: string;
}

/** A document of one of `kinds` as its page shows it; NotFoundError otherwise. */
export async function documentView(db: TenantDb, id: string, kinds: DocumentKind[]): Promise<DocumentView> {
  const doc = await getDocument(db, id, kinds);
  const issuer = await getIssuer(db);
  const today = localDateOf(new Date(), issuer.timezone);
  const d = billingDocuments;
  const [client, linked] = await Promise.all([
    // clientSnapshot only reads, so the database serves as well as a transaction.
    doc.clientSnapshot ? Promise.resolve(doc.clientSnapshot) : clientSnapshot(db as Tx, doc.clientId),
    db.select().from(d).where(
      and(
        or(
          eq(d.relatedDocumentId, doc.id),
          doc.relatedDocumentId ? eq(d.id, doc.relatedDocumentId) : undefined,
        ),
      ),
    ).orderBy(asc(d.createdAt)),
  ]);
  const payable = doc.kind === "invoice" || doc.kind === "deposit_invoice";
  return {
    doc,
    totals: documentTotals(doc, doc.lines, doc.amountPaid),
    status: displayStatus(doc, today),
    issuer: doc.issuerSnapshot ?? issuerSnapshot(issuer),
    client,
    balance: payable && doc.status !== "draft" ? balanceDue(doc) : null,
    related: linked.find((r) => r.id === doc.relatedDocumentId) ?? null,
    derived: linked.filter((r) => r.relatedDocumentId === doc.id),
    today,
    zone: issuer.timezone,
  };
}

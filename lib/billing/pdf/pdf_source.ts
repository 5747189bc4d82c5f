/**
 * Reads what a document PDF prints, in one read transaction so the document, the studio and the
 * client agree: the document with its lines, the studio's current settings, the client (drafts print
 * it as it is now), its preferred language and the number of the related document.
 */
import { eq } from "drizzle-orm";
import { billingDocuments, clients, type DocumentKind } from "../../../db/schema/mod.ts";
import type { TenantDb } from "../../tenancy/tenant_db.ts";
import { type BillingDocument, getDocument } from "../documents.ts";
import { clientSnapshot } from "../issue.ts";
import { getIssuer } from "../settings.ts";
import type { DocumentPdfContext } from "./document_sheet.ts";

/** The document `id` (NotFoundError when absent or of another kind) and what its PDF needs. */
export async function loadDocumentForPdf(
  db: TenantDb,
  id: string,
  kinds: DocumentKind[],
): Promise<{ doc: BillingDocument; context: DocumentPdfContext }> {
  return await db.transaction(async (tx) => {
    const doc = await getDocument(tx, id, kinds);
    // One after another: a transaction is one connection, and not every driver pipelines.
    const issuer = await getIssuer(tx);
    const client = await clientSnapshot(tx, doc.clientId);
    const [language] = await tx.select({ locale: clients.locale }).from(clients)
      .where(eq(clients.id, doc.clientId));
    const related = doc.relatedDocumentId
      ? await tx.select({ number: billingDocuments.number }).from(billingDocuments)
        .where(eq(billingDocuments.id, doc.relatedDocumentId))
      : [];
    return {
      doc,
      context: { issuer, client, clientLocale: language?.locale, relatedNumber: related[0]?.number ?? null },
    };
  });
}

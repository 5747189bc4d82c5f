import type { DocumentKind } from "../../../db/schema/mod.ts";
import type { TenantDb } from "../../tenancy/tenant_db.ts";
import { documentPdfFileName, renderDocumentPdf } from "./document_pdf.ts";
import { loadDocumentForPdf } from "./pdf_source.ts";

/**
 * The document `id` as a PDF response to open in the browser: `inline`, named after its number, never
 * cached (invoices are private and a draft changes). NotFoundError (404) for an id of another kind.
 */
export async function documentPdfResponse(
  db: TenantDb,
  id: string,
  kinds: DocumentKind[],
): Promise<Response> {
  const { doc, context } = await loadDocumentForPdf(db, id, kinds);
  const bytes = await renderDocumentPdf(doc, context);
  return new Response(bytes as Uint8Array<ArrayBuffer>, {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `inline; filename="${documentPdfFileName(doc)}"`,
      "content-length": String(bytes.byteLength),
      "cache-control": "private, no-store",
    },
  });
}

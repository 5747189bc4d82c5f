import { type DocumentView, documentView } from "../billing/document_view.ts";
import { NotFoundError } from "../errors.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";

/**
 * An invoice or deposit invoice of this client, as its page shows it. Another client's document,
 * a draft, or an id that is not an invoice is "not found" — never "forbidden", which would confirm
 * that it exists.
 */
export async function clientInvoice(db: TenantDb, id: string, clientId: string): Promise<DocumentView> {
  const view = await documentView(db, id, ["invoice", "deposit_invoice"]).catch((err) => {
    if (err instanceof NotFoundError) return null;
    throw err;
  });
  if (!view || view.doc.clientId !== clientId || view.doc.status === "draft") {
    throw new NotFoundError("No such invoice.");
  }
  return view;
}

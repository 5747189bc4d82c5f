import type { Access } from "@/lib/auth/access.ts";
import { documentPdfResponse } from "@/lib/billing/pdf/pdf_response.ts";
import { define } from "@/lib/http/define.ts";
import { requireClient } from "@/lib/http/portal_session.ts";
import { requireStudio } from "@/lib/http/studio.ts";
import { clientInvoice } from "@/lib/portal/client_documents.ts";

export const access: Access = "client";

/** The client's invoice as the same PDF staff send. */
export const handler = define.handlers({
  async GET(ctx) {
    const studio = requireStudio(ctx);
    const client = requireClient(ctx);
    const view = await clientInvoice(studio.db, ctx.params.id, client.clientId);
    return await documentPdfResponse(studio.db, view.doc.id, [view.doc.kind]);
  },
});

import type { Access } from "@/lib/auth/access.ts";
import { documentPdfResponse } from "@/lib/billing/pdf/pdf_response.ts";
import { define } from "@/lib/http/define.ts";
import { requireClient } from "@/lib/http/portal_session.ts";
import { requireStudio } from "@/lib/http/studio.ts";
import { clientQuote } from "@/lib/portal/client_quotes.ts";

export const access: Access = "client";

/** The client's quote as the same PDF staff send; another client's quote or a draft is 404. */
export const handler = define.handlers({
  async GET(ctx) {
    const studio = requireStudio(ctx);
    const client = requireClient(ctx);
    const { quote } = await clientQuote(studio.db, ctx.params.id, client.clientId);
    return await documentPdfResponse(studio.db, quote.id, ["quote"]);
  },
});

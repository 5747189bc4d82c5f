import type { Access } from "@/lib/auth/access.ts";
import { newDocumentRoute } from "@/lib/billing/document_routes.tsx";

export const access: Access = { permission: "quotes.manage" };

/** A new draft quote. */
const route = newDocumentRoute({
  kind: "quote",
  permission: "quotes.manage",
  section: "/app/quotes",
  title: "quotes.new.title",
  intro: "quotes.new.intro",
});

export const handler = route.handler;
export default route.page;

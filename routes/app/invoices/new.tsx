import type { Access } from "@/lib/auth/access.ts";
import { newDocumentRoute } from "@/lib/billing/document_routes.tsx";

export const access: Access = { permission: "invoices.manage" };

/** A manual draft invoice (sessions are invoiced from /app/invoices/from-sessions). */
const route = newDocumentRoute({
  kind: "invoice",
  permission: "invoices.manage",
  section: "/app/invoices",
  title: "invoices.new.title",
  intro: "invoices.new.intro",
});

export const handler = route.handler;
export default route.page;

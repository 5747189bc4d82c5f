import type { ApiResource } from "../route.ts";
import { registerDocumentOperations } from "./documents.ts";

/** `/invoices` (deposit invoices included): read, PDF, drafts, issue, payments. */
export const invoices: ApiResource = (api) => {
  registerDocumentOperations(api, {
    kind: "invoice",
    path: "/invoices",
    tag: "Invoices",
    noun: "invoice",
    view: "invoices.view",
    manage: "invoices.manage",
    creatable: true,
    issuable: true,
    payable: true,
  });
};

import type { ApiResource } from "../route.ts";
import { registerDocumentOperations } from "./documents.ts";

/** `/quotes`: read and drafts. */
export const quotes: ApiResource = (api) => {
  registerDocumentOperations(api, {
    kind: "quote",
    path: "/quotes",
    tag: "Quotes",
    noun: "quote",
    view: "quotes.view",
    manage: "quotes.manage",
    creatable: true,
    issuable: false,
  });
};

import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { balanceDue, isOverdue } from "../../billing/balance.ts";
import { type DocumentListRow, listDocuments } from "../../billing/document_list.ts";
import { decodeCursor, encodeCursor, pageQuery, pageSchema } from "../pagination.ts";
import { type ApiResource, apiRoute } from "../route.ts";
import { studioToday } from "./documents.ts";

const minor = (description: string) =>
  z.number().int().openapi({ description: `${description}, in minor units of \`currency\`.` });
const localDate = z.string().openapi({ format: "date", example: "2026-12-01" });

/** A document as lists show it: stored figures, never recomputed per row (the page reads one query). */
export const DocumentSummarySchema = z.object({
  id: z.string(),
  kind: z.enum(["quote", "invoice", "deposit_invoice", "credit_note"]),
  status: z.string(),
  overdue: z.boolean(),
  number: z.string().nullable(),
  title: z.string().nullable(),
  clientId: z.string(),
  clientName: z.string(),
  currency: z.string(),
  total: minor("Total including tax"),
  amountPaid: minor("Payments received, net of refunds"),
  amountCredited: minor("Issued credit notes against it"),
  balanceDue: minor("What is still owed (invoices; null for quotes)").nullable(),
  issueDate: localDate.nullable(),
  dueDate: localDate.nullable(),
  validUntil: localDate.nullable(),
  revision: z.number().int(),
  createdAt: z.string(),
}).openapi("DocumentSummary");

const QUOTE_STATUSES = ["draft", "sent", "accepted", "declined", "expired", "converted"] as const;
const INVOICE_STATUSES = ["draft", "issued", "partially_paid", "paid", "credited"] as const;

const listFilters = {
  ...pageQuery,
  clientId: z.string().max(100).optional().openapi({ description: "Only this client's." }),
  q: z.string().max(200).optional().openapi({ description: "Part of the number or of the client's name." }),
};

function summaryOf(row: DocumentListRow, today: string): z.infer<typeof DocumentSummarySchema> {
  const payable = row.kind === "invoice" || row.kind === "deposit_invoice";
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    overdue: isOverdue(row, today),
    number: row.number,
    title: row.title,
    clientId: row.clientId,
    clientName: row.clientName,
    currency: row.currency,
    total: row.total,
    amountPaid: row.amountPaid,
    amountCredited: row.amountCredited,
    balanceDue: payable ? balanceDue(row) : null,
    issueDate: row.issueDate,
    dueDate: row.dueDate,
    validUntil: row.validUntil,
    revision: row.revision,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * The API page of a listDocuments page: the domain's own keyset cursor travels inside ours, so the
 * `next` link keeps the filters like every other list.
 */
function documentPage(c: Context, rows: DocumentListRow[], next: string | undefined, limit: number) {
  const today = studioToday(c);
  const data = rows.map((row) => summaryOf(row, today));
  if (!next) return { data, next: null };
  const url = new URL(c.req.url);
  url.searchParams.set("limit", String(limit));
  url.searchParams.set("after", encodeCursor(next));
  const link = url.pathname + url.search;
  c.header("Link", `<${link}>; rel="next"`);
  return { data, next: link };
}

export const listQuotes = apiRoute({
  method: "get",
  path: "/quotes",
  operationId: "listQuotes",
  tags: ["Quotes"],
  summary: "The studio's quotes, newest first",
  permission: "quotes.view",
  request: {
    query: z.object({ ...listFilters, status: z.enum(QUOTE_STATUSES).optional() }),
  },
  responses: {
    200: {
      description: "A page of quotes.",
      content: { "application/json": { schema: pageSchema(DocumentSummarySchema, "QuotePage") } },
    },
  },
});

export const listInvoices = apiRoute({
  method: "get",
  path: "/invoices",
  operationId: "listInvoices",
  tags: ["Invoices"],
  summary: "The studio's invoices and deposit invoices, newest first",
  permission: "invoices.view",
  request: {
    query: z.object({
      ...listFilters,
      status: z.enum(INVOICE_STATUSES).optional(),
      overdue: z.enum(["true", "false"]).optional().openapi({
        description: "`true`: only issued invoices past their due date with money still due.",
      }),
    }),
  },
  responses: {
    200: {
      description: "A page of invoices.",
      content: { "application/json": { schema: pageSchema(DocumentSummarySchema, "InvoicePage") } },
    },
  },
});

/** `GET /quotes` and `GET /invoices`: the lists the staff pages show, through listDocuments. */
export const documentLists: ApiResource = (api) => {
  api.openapi(listQuotes, async (c) => {
    const { limit, after, clientId, q, status } = c.req.valid("query");
    const page = await listDocuments(c.get("studio")!.db, {
      kind: "quote",
      status,
      clientId,
      q,
      after: decodeCursor(after, z.string()),
      limit,
    });
    return c.json(documentPage(c, page.rows, page.next, limit), 200);
  });

  api.openapi(listInvoices, async (c) => {
    const { limit, after, clientId, q, status, overdue } = c.req.valid("query");
    const page = await listDocuments(c.get("studio")!.db, {
      kind: ["invoice", "deposit_invoice"],
      status,
      overdue: overdue === "true" ? { today: studioToday(c) } : undefined,
      clientId,
      q,
      after: decodeCursor(after, z.string()),
      limit,
    });
    return c.json(documentPage(c, page.rows, page.next, limit), 200);
  });
};

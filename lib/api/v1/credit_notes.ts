import { z } from "@hono/zod-openapi";
import { type CreditNoteFilter, listCreditNotes } from "../../billing/credit_note_list.ts";
import { createCreditNote, type CreditLines, issueCreditNote } from "../../billing/credit_notes.ts";
import { deleteDraft, getDocument } from "../../billing/documents.ts";
import { documentPdfResponse } from "../../billing/pdf/pdf_response.ts";
import { ValidationError } from "../../errors.ts";
import type { TenantDb } from "../../tenancy/tenant_db.ts";
import { apiActingAs } from "../auth.ts";
import { decodeCursor, pageOf, pageQuery, pageSchema } from "../pagination.ts";
import { problemResponse } from "../problems.ts";
import { type ApiResource, apiRoute } from "../route.ts";
import { documentJson, DocumentSchema, studioToday } from "./documents.ts";

const IdParams = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" } }) });
const json = <S extends z.ZodType>(schema: S) => ({ "application/json": { schema } });
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Give a date as YYYY-MM-DD.")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "Give a real date.")
  .openapi({ format: "date", example: "2026-12-01" });

export const CreditNoteSummarySchema = z.object({
  id: z.string(),
  status: z.enum(["draft", "issued"]),
  number: z.string().nullable(),
  clientId: z.string(),
  clientName: z.string(),
  invoiceId: z.string().openapi({ description: "The invoice or deposit invoice it corrects." }),
  invoiceNumber: z.string().nullable(),
  reason: z.string().nullable(),
  currency: z.string(),
  total: z.number().int().openapi({ description: "Credited, tax included, in minor units of `currency`." }),
  issueDate: z.string().nullable().openapi({ format: "date" }),
  version: z.number().int(),
  createdAt: z.string(),
}).openapi("CreditNoteSummary");
type CreditNoteSummary = z.infer<typeof CreditNoteSummarySchema>;

const CreditNoteWrite = z.object({
  reason: z.string().openapi({ description: "Why the invoice is corrected; printed as the note's notes." }),
  lines: z.union([
    z.literal("all"),
    z.array(z.object({
      line: z.number().int().min(0).openapi({
        description: "The position of the invoice line in the invoice's `lines` (0 = the first).",
      }),
      quantity: z.string().optional().openapi({ description: "Part of the line's quantity; default all." }),
    })).min(1, "Choose at least one line to credit."),
  ]).optional().openapi({ description: '`"all"` (the default) or chosen lines and quantities.' }),
}).openapi("CreditNoteWrite");

/** One page of credit notes as the API lists them, each with its cursor. */
async function creditNotePage(db: TenantDb, filter: CreditNoteFilter) {
  const rows = await listCreditNotes(db, filter);
  return rows.map((row) => ({
    summary: {
      id: row.id,
      status: row.status as CreditNoteSummary["status"],
      number: row.number,
      clientId: row.clientId,
      clientName: row.clientName,
      invoiceId: row.invoiceId ?? "",
      invoiceNumber: row.invoiceNumber,
      reason: row.reason,
      currency: row.currency.trim(),
      total: row.total,
      issueDate: row.issueDate,
      version: row.version,
      createdAt: row.createdAt.toISOString(),
    } satisfies CreditNoteSummary,
    cursor: [row.cursorAt, row.id] as [string, string],
  }));
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/;
const CursorSchema = z.tuple([z.string().regex(TIMESTAMP), z.string()]);

export const listCreditNotesRoute = apiRoute({
  method: "get",
  path: "/credit-notes",
  operationId: "listCreditNotes",
  tags: ["Credit notes"],
  summary: "Credit notes, newest first",
  permission: "invoices.view",
  request: {
    query: z.object({
      ...pageQuery,
      clientId: z.string().max(100).optional().openapi({ description: "Only this client's." }),
      invoiceId: z.string().max(100).optional().openapi({
        description: "Only those correcting this invoice.",
      }),
      status: z.enum(["draft", "issued"]).optional(),
      from: localDate.optional().openapi({ description: "Issued on or after this local date." }),
      to: localDate.optional().openapi({ description: "Issued on or before this local date." }),
    }),
  },
  responses: {
    200: {
      description: "A page of credit notes.",
      content: json(pageSchema(CreditNoteSummarySchema, "CreditNotePage")),
    },
  },
});

const getCreditNoteRoute = apiRoute({
  method: "get",
  path: "/credit-notes/{id}",
  operationId: "getCreditNote",
  tags: ["Credit notes"],
  summary: "One credit note with its lines and totals",
  permission: "invoices.view",
  request: { params: IdParams },
  responses: { 200: { description: "The credit note.", content: json(DocumentSchema) } },
});

const creditNotePdfRoute = apiRoute({
  method: "get",
  path: "/credit-notes/{id}/pdf",
  operationId: "downloadCreditNotePdf",
  tags: ["Credit notes"],
  summary: "The credit note as a PDF (drafts carry a DRAFT mark)",
  permission: "invoices.view",
  request: { params: IdParams },
  responses: {
    200: {
      description: "The PDF.",
      content: { "application/pdf": { schema: z.string().openapi({ format: "binary" }) } },
    },
  },
});

const createCreditNoteRoute = apiRoute({
  method: "post",
  path: "/invoices/{id}/credit-notes",
  operationId: "createCreditNote",
  tags: ["Credit notes"],
  summary: "Draft a credit note against an issued invoice: all its lines, or chosen lines and quantities",
  description: "The taxes are those the invoice printed. It may credit no more than is left on the invoice.",
  permission: "invoices.manage",
  request: { params: IdParams, body: { required: true, content: json(CreditNoteWrite) } },
  responses: {
    201: { description: "The draft credit note.", content: json(DocumentSchema) },
    409: problemResponse("The invoice is a draft, or nothing (or less than this) is left to credit on it."),
  },
});

const issueCreditNoteRoute = apiRoute({
  method: "post",
  path: "/credit-notes/{id}/issue",
  operationId: "issueCreditNote",
  tags: ["Credit notes"],
  summary: "Issue a draft credit note: it takes the next credit-note number and lowers what the invoice asks",
  permission: "invoices.manage",
  request: {
    params: IdParams,
    body: { required: true, content: json(z.object({ version: z.number().int() })) },
  },
  responses: {
    200: { description: "Issued.", content: json(DocumentSchema) },
    409: problemResponse("Stale `version`, already issued, or it would credit more than is left."),
  },
});

const deleteCreditNoteRoute = apiRoute({
  method: "delete",
  path: "/credit-notes/{id}",
  operationId: "deleteCreditNote",
  tags: ["Credit notes"],
  summary: "Delete a draft credit note (issued ones are kept forever)",
  permission: "invoices.manage",
  request: { params: IdParams, query: z.object({ version: z.coerce.number().int() }) },
  responses: {
    204: { description: "Deleted." },
    409: problemResponse("The credit note changed since `version`, or it is issued."),
  },
});

/** The invoice's line ids for the API's positions; errors name the request's own fields. */
function creditLinesOf(
  invoiceLines: { id: string }[],
  lines: z.infer<typeof CreditNoteWrite>["lines"],
): CreditLines {
  if (lines === undefined || lines === "all") return "all";
  const errors: Record<string, string> = {};
  const chosen = lines.map((pick, i) => {
    const line = invoiceLines[pick.line];
    if (!line) {
      errors[`lines.${i}.line`] = `The invoice has ${invoiceLines.length} lines (0 to ${
        invoiceLines.length - 1
      }).`;
    }
    return { lineId: line?.id ?? "", quantity: pick.quantity };
  });
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return chosen;
}

/** `lines.<lineId>.quantity` from the domain, as `lines.<index>.quantity` of the request. */
function inRequestTerms(err: unknown, chosen: CreditLines): unknown {
  if (!(err instanceof ValidationError) || chosen === "all") return err;
  const fields = Object.fromEntries(
    Object.entries(err.fields).map(([field, detail]) => {
      const index = chosen.findIndex((pick) => field === `lines.${pick.lineId}.quantity`);
      return [index >= 0 ? `lines.${index}.quantity` : field, detail];
    }),
  );
  return new ValidationError(fields, err.message);
}

/** `/credit-notes`: the corrections of issued invoices — list, read, PDF, draft, issue, delete a draft. */
export const creditNotes: ApiResource = (api) => {
  api.openapi(listCreditNotesRoute, async (c) => {
    const { limit, after, ...filter } = c.req.valid("query");
    const rows = await creditNotePage(c.get("studio")!.db, {
      ...filter,
      after: decodeCursor(after, CursorSchema),
      limit: limit + 1,
    });
    const page = pageOf(c, rows, limit, (last) => last.cursor);
    return c.json({ data: page.data.map((r) => r.summary), next: page.next }, 200);
  });

  api.openapi(getCreditNoteRoute, async (c) => {
    const note = await getDocument(c.get("studio")!.db, c.req.valid("param").id, "credit_note");
    return c.json(documentJson(note, studioToday(c)), 200);
  });

  api.openapi(
    creditNotePdfRoute,
    async (c) => await documentPdfResponse(c.get("studio")!.db, c.req.valid("param").id, ["credit_note"]),
  );

  api.openapi(createCreditNoteRoute, async (c) => {
    const db = c.get("studio")!.db;
    const invoice = await getDocument(db, c.req.valid("param").id, ["invoice", "deposit_invoice"]);
    const { reason, lines } = c.req.valid("json");
    const chosen = creditLinesOf(invoice.lines, lines);
    try {
      const note = await createCreditNote(db, invoice.id, { reason, lines: chosen }, apiActingAs(c));
      return c.json(documentJson(note, studioToday(c)), 201);
    } catch (err) {
      throw inRequestTerms(err, chosen);
    }
  });

  api.openapi(issueCreditNoteRoute, async (c) => {
    const db = c.get("studio")!.db;
    const { id } = c.req.valid("param");
    await getDocument(db, id, "credit_note");
    const issued = await issueCreditNote(db, id, c.req.valid("json").version, apiActingAs(c));
    return c.json(documentJson(issued, studioToday(c)), 200);
  });

  api.openapi(deleteCreditNoteRoute, async (c) => {
    const db = c.get("studio")!.db;
    const { id } = c.req.valid("param");
    await getDocument(db, id, "credit_note");
    await deleteDraft(db, id, c.req.valid("query").version, apiActingAs(c));
    return c.body(null, 204);
  });
};

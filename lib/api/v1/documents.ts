import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { DocumentKind } from "../../../db/schema/mod.ts";
import type { Permission } from "../../auth/permissions.ts";
import { balanceDue, isOverdue } from "../../billing/balance.ts";
import type { DraftInput } from "../../billing/document_input.ts";
import { documentTotals } from "../../billing/document_totals.ts";
import {
  type BillingDocument,
  createDraft,
  deleteDraft,
  getDocument,
  updateDraft,
} from "../../billing/documents.ts";
import { issueDocument } from "../../billing/issue.ts";
import { type PaymentInput, recordPayment } from "../../billing/payments.ts";
import { documentPdfResponse } from "../../billing/pdf/pdf_response.ts";
import { apiActingAs } from "../auth.ts";
import { problemResponse } from "../problems.ts";
import { type ApiApp, apiRoute } from "../route.ts";

const minor = (description: string) =>
  z.number().int().openapi({ description: `${description}, in minor units of the document's currency.` });
const localDate = z.string().openapi({ format: "date", example: "2026-12-01" });

const TaxSchema = z.object({
  id: z.string(),
  name: z.string(),
  rate: z.string(),
  compound: z.boolean().optional(),
});

const LineSchema = z.object({
  description: z.string(),
  detail: z.string().nullable(),
  quantity: z.string().openapi({ description: "Exact decimal.", example: "2.5" }),
  unit: z.enum(["hour", "half_day", "day", "item"]),
  unitPrice: minor("Price per unit"),
  discountPercent: z.string().nullable(),
  discountAmount: z.number().int().nullable(),
  taxes: z.array(TaxSchema).openapi({ description: "Copies of the tax rates as they were when written." }),
  bookingId: z.string().nullable(),
  sessionDate: localDate.nullable(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  net: minor("Net after discounts"),
  taxTotal: minor("Taxes"),
  gross: minor("Net + taxes"),
});

export const DocumentSchema = z.object({
  id: z.string(),
  kind: z.enum(["quote", "invoice", "deposit_invoice", "credit_note"]),
  status: z.string().openapi({
    description:
      "draft, sent, accepted, declined, expired, converted, issued, partially_paid, paid or credited.",
  }),
  overdue: z.boolean(),
  number: z.string().nullable(),
  clientId: z.string(),
  title: z.string().nullable(),
  currency: z.string(),
  baseCurrency: z.string(),
  exchangeRate: z.string().openapi({ description: "Units of the base currency per unit of `currency`." }),
  issueDate: localDate.nullable(),
  dueDate: localDate.nullable(),
  validUntil: localDate.nullable(),
  notes: z.string().nullable(),
  terms: z.string().nullable(),
  discountPercent: z.string().nullable(),
  discountAmount: z.number().int().nullable(),
  relatedDocumentId: z.string().nullable(),
  revision: z.number().int(),
  lines: z.array(LineSchema),
  subtotal: minor("Σ line amounts before discounts"),
  discountTotal: minor("Line and document discounts"),
  netTotal: minor("Total excluding tax"),
  taxSummary: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      rate: z.string(),
      base: z.number().int(),
      amount: z.number().int(),
    }),
  ),
  taxTotal: minor("Taxes"),
  total: minor("Total including tax"),
  depositsApplied: minor("Paid deposit invoices deducted"),
  amountPaid: minor("Payments received, net of refunds"),
  amountCredited: minor("Issued credit notes against it"),
  balanceDue: minor("What is still owed (negative when overpaid)"),
  version: z.number().int().openapi({ description: "Send it back with a change; a stale one is a 409." }),
  issuedAt: z.string().nullable(),
  createdAt: z.string(),
}).openapi("BillingDocument");

// The domain validates fully (lib/billing/document_input.ts); this schema documents the shape.
const LineWrite = z.object({
  description: z.string(),
  detail: z.string().nullable().optional(),
  quantity: z.union([z.string(), z.number()]).openapi({ description: 'Exact decimal, e.g. "2.5".' }),
  unit: z.string().optional().openapi({ description: "hour, half_day, day or item (default)." }),
  unitPrice: z.number().openapi({ description: "Minor units of the document's currency." }),
  discountPercent: z.union([z.string(), z.number()]).nullable().optional(),
  discountAmount: z.number().nullable().optional(),
  taxRateIds: z.array(z.string()).optional(),
  serviceId: z.string().nullable().optional(),
});

const DraftWrite = z.object({
  clientId: z.string(),
  title: z.string().nullable().optional(),
  currency: z.string().nullable().optional().openapi({
    description: "Default: the client's, else the studio's.",
  }),
  notes: z.string().nullable().optional(),
  terms: z.string().nullable().optional(),
  discountPercent: z.union([z.string(), z.number()]).nullable().optional(),
  discountAmount: z.number().nullable().optional(),
  dueDate: z.string().nullable().optional(),
  validUntil: z.string().nullable().optional(),
  lines: z.array(LineWrite),
}).openapi("DraftWrite");

const PaymentWrite = z.object({
  method: z.string().openapi({ description: "cash, transfer, card, cheque or other." }),
  amount: z.number().openapi({ description: "Minor units of `currency`, above 0." }),
  currency: z.string().openapi({ description: "The invoice's currency." }),
  receivedOn: z.string().openapi({
    format: "date",
    description: "The studio's local date the money arrived.",
  }),
  reference: z.string().nullable().optional(),
  note: z.string().nullable().optional(),
}).openapi("PaymentWrite");

const DraftReplace = DraftWrite.extend({ version: z.number().int() }).openapi("DraftReplace");
const Version = z.object({ version: z.number().int() });

const IdParams = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" } }) });
const json = <S extends z.ZodType>(schema: S) => ({ "application/json": { schema } });

/** A document as the API answers it: its stored fields, lines and every figure from the totals engine. */
export function documentJson(doc: BillingDocument, today: string): z.infer<typeof DocumentSchema> {
  const totals = documentTotals(doc, doc.lines, doc.amountPaid);
  const balance = balanceDue(doc);
  return {
    id: doc.id,
    kind: doc.kind,
    status: doc.status,
    overdue: isOverdue(doc, today),
    number: doc.number,
    clientId: doc.clientId,
    title: doc.title,
    currency: doc.currency,
    baseCurrency: doc.baseCurrency,
    exchangeRate: doc.exchangeRate,
    issueDate: doc.issueDate,
    dueDate: doc.dueDate,
    validUntil: doc.validUntil,
    notes: doc.notes,
    terms: doc.terms,
    discountPercent: doc.discountPercent,
    discountAmount: doc.discountAmount,
    relatedDocumentId: doc.relatedDocumentId,
    revision: doc.revision,
    lines: doc.lines.map((l) => ({
      description: l.description,
      detail: l.detail,
      quantity: l.quantity,
      unit: l.unit,
      unitPrice: l.unitPrice,
      discountPercent: l.discountPercent,
      discountAmount: l.discountAmount,
      taxes: l.taxes,
      bookingId: l.bookingId,
      sessionDate: l.sessionDate,
      startsAt: l.startsAt?.toISOString() ?? null,
      endsAt: l.endsAt?.toISOString() ?? null,
      net: l.net,
      taxTotal: l.taxTotal,
      gross: l.gross,
    })),
    subtotal: totals.subtotal,
    discountTotal: totals.discountTotal,
    netTotal: totals.netTotal,
    taxSummary: totals.taxSummary.map(({ id, name, rate, base, amount }) => ({
      id,
      name,
      rate,
      base,
      amount,
    })),
    taxTotal: totals.taxTotal,
    total: totals.total,
    depositsApplied: doc.depositsApplied,
    amountPaid: doc.amountPaid,
    amountCredited: doc.amountCredited,
    balanceDue: balance,
    version: doc.version,
    issuedAt: doc.issuedAt?.toISOString() ?? null,
    createdAt: doc.createdAt.toISOString(),
  };
}

/** Today in the studio's zone, for the overdue flag. */
export function studioToday(c: Context): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: c.get("studio")!.tenant.timezone as string })
    .format(new Date());
}

export interface DocumentResourceOptions {
  kind: DocumentKind;
  /** "/invoices" */
  path: string;
  /** OpenAPI tag and the name in summaries: "Invoices", "invoice". */
  tag: string;
  noun: string;
  view: Permission;
  manage: Permission;
  /** Whether drafts are created through this path (credit notes are made from an invoice instead). */
  creatable: boolean;
  issuable: boolean;
  /** Payments are recorded against it (invoices and deposit invoices). */
  payable?: boolean;
}

/**
 * Registers read, draft and issue operations of one document kind: `GET {path}/{id}`, and when
 * creatable `POST {path}`, `PUT {path}/{id}`, `DELETE {path}/{id}`, and when issuable
 * `POST {path}/{id}/issue`. Lists and the kind's own actions are registered by its resource.
 */
export function registerDocumentOperations(api: ApiApp, o: DocumentResourceOptions): void {
  const op = (verb: string) => `${verb}${o.tag.replace(/[^A-Za-z]/g, "").replace(/s$/, "")}`;
  const kinds: DocumentKind[] = o.kind === "invoice" ? ["invoice", "deposit_invoice"] : [o.kind];

  api.openapi(
    apiRoute({
      method: "get",
      path: `${o.path}/{id}`,
      operationId: op("get"),
      tags: [o.tag],
      summary: `One ${o.noun} with its lines and totals`,
      permission: o.view,
      request: { params: IdParams },
      responses: { 200: { description: `The ${o.noun}.`, content: json(DocumentSchema) } },
    }),
    async (c) => {
      const doc = await getDocument(c.get("studio")!.db, c.req.valid("param").id, kinds);
      return c.json(documentJson(doc, studioToday(c)), 200);
    },
  );

  api.openapi(
    apiRoute({
      method: "get",
      path: `${o.path}/{id}/pdf`,
      operationId: op("download") + "Pdf",
      tags: [o.tag],
      summary: `The ${o.noun} as a PDF (drafts carry a DRAFT mark)`,
      permission: o.view,
      request: { params: IdParams },
      responses: {
        200: {
          description: "The PDF.",
          content: { "application/pdf": { schema: z.string().openapi({ format: "binary" }) } },
        },
      },
    }),
    async (c) => await documentPdfResponse(c.get("studio")!.db, c.req.valid("param").id, kinds),
  );

  if (o.payable) {
    api.openapi(
      apiRoute({
        method: "post",
        path: `${o.path}/{id}/payments`,
        operationId: "recordPayment",
        tags: [o.tag],
        summary: `Record money received for an issued ${o.noun}; any excess becomes the client's credit`,
        permission: "payments.record",
        request: { params: IdParams, body: { required: true, content: json(PaymentWrite) } },
        responses: {
          201: { description: "Recorded; the invoice as it now stands.", content: json(DocumentSchema) },
        },
      }),
      async (c) => {
        const db = c.get("studio")!.db;
        const { id } = c.req.valid("param");
        await getDocument(db, id, kinds);
        await recordPayment(db, { ...c.req.valid("json"), documentId: id } as PaymentInput, apiActingAs(c));
        return c.json(documentJson(await getDocument(db, id), studioToday(c)), 201);
      },
    );
  }

  if (o.creatable) {
    api.openapi(
      apiRoute({
        method: "post",
        path: o.path,
        operationId: op("create"),
        tags: [o.tag],
        summary: `Create a draft ${o.noun}`,
        permission: o.manage,
        request: { body: { required: true, content: json(DraftWrite) } },
        responses: { 201: { description: "Created as a draft.", content: json(DocumentSchema) } },
      }),
      async (c) => {
        const input = c.req.valid("json") as DraftInput;
        const doc = await createDraft(c.get("studio")!.db, o.kind, input, apiActingAs(c));
        return c.json(documentJson(doc, studioToday(c)), 201);
      },
    );

    api.openapi(
      apiRoute({
        method: "put",
        path: `${o.path}/{id}`,
        operationId: op("replace"),
        tags: [o.tag],
        summary: `Replace a draft ${o.noun} and all its lines`,
        permission: o.manage,
        request: { params: IdParams, body: { required: true, content: json(DraftReplace) } },
        responses: {
          200: { description: "Saved.", content: json(DocumentSchema) },
          409: problemResponse(`The ${o.noun} changed since \`version\`, or it is no longer a draft.`),
        },
      }),
      async (c) => {
        const db = c.get("studio")!.db;
        const { id } = c.req.valid("param");
        await getDocument(db, id, kinds);
        const { version, ...input } = c.req.valid("json");
        const doc = await updateDraft(db, id, version, input as DraftInput, apiActingAs(c));
        return c.json(documentJson(doc, studioToday(c)), 200);
      },
    );

    api.openapi(
      apiRoute({
        method: "delete",
        path: `${o.path}/{id}`,
        operationId: op("delete"),
        tags: [o.tag],
        summary: `Delete a draft ${o.noun} (issued documents are kept forever)`,
        permission: o.manage,
        request: { params: IdParams, query: z.object({ version: z.coerce.number().int() }) },
        responses: {
          204: { description: "Deleted." },
          409: problemResponse(`The ${o.noun} changed since \`version\`, or it is no longer a draft.`),
        },
      }),
      async (c) => {
        const db = c.get("studio")!.db;
        const { id } = c.req.valid("param");
        await getDocument(db, id, kinds);
        await deleteDraft(db, id, c.req.valid("query").version, apiActingAs(c));
        return c.body(null, 204);
      },
    );
  }

  if (o.issuable) {
    api.openapi(
      apiRoute({
        method: "post",
        path: `${o.path}/{id}/issue`,
        operationId: op("issue"),
        tags: [o.tag],
        summary: `Issue a draft ${o.noun}: it takes the next number of its series and can no longer change`,
        permission: o.manage,
        request: { params: IdParams, body: { required: true, content: json(Version) } },
        responses: {
          200: { description: "Issued.", content: json(DocumentSchema) },
          409: problemResponse(`The ${o.noun} changed since \`version\`, or it is already issued.`),
        },
      }),
      async (c) => {
        const db = c.get("studio")!.db;
        const { id } = c.req.valid("param");
        await getDocument(db, id, kinds);
        const issued = await issueDocument(db, id, c.req.valid("json").version, apiActingAs(c), { kinds });
        return c.json(documentJson(issued, studioToday(c)), 200);
      },
    );
  }
}

import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { BillingDocument } from "../../billing/documents.ts";
import {
  getPaymentRow,
  listPayments,
  type PaymentInput,
  type PaymentResult,
  type PaymentRow,
  recordPayment,
  type RefundInput,
  refundPayment,
  voidPayment,
} from "../../billing/payments.ts";
import { ValidationError } from "../../errors.ts";
import { apiActingAs } from "../auth.ts";
import { decodeCursor, pageOf, pageQuery, pageSchema } from "../pagination.ts";
import { problemResponse } from "../problems.ts";
import { type ApiResource, apiRoute } from "../route.ts";
import { documentJson, DocumentSchema, studioToday } from "./documents.ts";

const IdParams = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" } }) });
const json = <S extends z.ZodType>(schema: S) => ({ "application/json": { schema } });
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const localDate = z.string().regex(DATE, "Give a date as YYYY-MM-DD.")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "Give a real date.")
  .openapi({ format: "date", example: "2026-12-01" });
const METHODS = ["cash", "transfer", "card", "cheque", "other", "credit", "stripe"] as const;

export const PaymentSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  clientName: z.string(),
  invoiceId: z.string().nullable().openapi({
    description: "The invoice paid; null for money taken as credit.",
  }),
  invoiceNumber: z.string().nullable(),
  method: z.enum(METHODS).openapi({
    description:
      "`credit`: the client's credit applied; `stripe`: paid online. The others are recorded by staff.",
  }),
  amount: z.number().int().openapi({
    description: "Minor units of `currency`: positive for money received, negative for a refund.",
  }),
  currency: z.string(),
  receivedOn: z.string().openapi({ format: "date", description: "The studio's local date." }),
  reference: z.string().nullable(),
  note: z.string().nullable(),
  refundOf: z.string().nullable().openapi({ description: "For a refund: the payment paid back." }),
  voided: z.boolean(),
  voidedAt: z.string().nullable(),
  voidReason: z.string().nullable(),
  createdAt: z.string(),
}).openapi("Payment");

const PaymentOutcomeSchema = z.object({
  payment: PaymentSchema,
  invoice: DocumentSchema.nullable().openapi({ description: "The invoice as it now stands, if any." }),
  credit: z.number().int().openapi({
    description: "What went to (+) or came back from (−) the client's credit, in minor units.",
  }),
}).openapi("PaymentOutcome");

const PaymentCreate = z.object({
  invoiceId: z.string().nullable().optional().openapi({
    description: "The issued invoice or deposit invoice paid. Without one the money is the client's credit.",
  }),
  clientId: z.string().nullable().optional().openapi({ description: "Required without `invoiceId`." }),
  method: z.string().openapi({ description: "cash, transfer, card, cheque or other." }),
  amount: z.number().openapi({ description: "Minor units of `currency`, above 0." }),
  currency: z.string(),
  receivedOn: z.string().openapi({
    format: "date",
    description: "The studio's local date the money arrived.",
  }),
  reference: z.string().nullable().optional(),
  note: z.string().nullable().optional(),
}).openapi("PaymentCreate");

const RefundWrite = z.object({
  amount: z.number().openapi({ description: "Minor units, above 0; at most what is left to refund." }),
  method: z.string().openapi({
    description: "How the money went back: cash, transfer, card, cheque or other.",
  }),
  note: z.string().nullable().optional(),
  paidOn: z.string().nullable().optional().openapi({ format: "date", description: "Default: today." }),
}).openapi("RefundWrite");

const VoidWrite = z.object({ reason: z.string() }).openapi("PaymentVoid");

type PaymentJson = z.infer<typeof PaymentSchema>;

export function paymentJson(row: PaymentRow): PaymentJson {
  return {
    id: row.id,
    clientId: row.clientId,
    clientName: row.clientName,
    invoiceId: row.documentId,
    invoiceNumber: row.documentNumber,
    method: row.method,
    amount: row.amount,
    currency: row.currency.trim(),
    receivedOn: row.receivedOn,
    reference: row.reference,
    note: row.note,
    refundOf: row.refundOf,
    voided: row.voidedAt !== null,
    voidedAt: row.voidedAt?.toISOString() ?? null,
    voidReason: row.voidReason,
    createdAt: row.createdAt.toISOString(),
  };
}

async function outcomeJson(c: Context, result: PaymentResult) {
  const row = await getPaymentRow(c.get("studio")!.db, result.payment.id);
  const invoice: BillingDocument | null = result.document;
  return {
    payment: paymentJson(row),
    invoice: invoice ? documentJson(invoice, studioToday(c)) : null,
    credit: result.credit,
  };
}

/** The domain calls the invoice `documentId`; the API calls it `invoiceId`. */
async function inApiTerms<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (!(err instanceof ValidationError) || !("documentId" in err.fields)) throw err;
    const { documentId, ...rest } = err.fields;
    throw new ValidationError({ ...rest, invoiceId: documentId }, err.message);
  }
}

const CursorSchema = z.tuple([z.string().regex(DATE), z.string()]);

const listPaymentsRoute = apiRoute({
  method: "get",
  path: "/payments",
  operationId: "listPayments",
  tags: ["Payments"],
  summary: "Money received and refunded, newest first (voided payments included, marked)",
  permission: "payments.record",
  request: {
    query: z.object({
      ...pageQuery,
      clientId: z.string().max(100).optional(),
      invoiceId: z.string().max(100).optional(),
      method: z.enum(METHODS).optional(),
      from: localDate.optional().openapi({ description: "Received on or after this local date." }),
      to: localDate.optional().openapi({ description: "Received on or before this local date." }),
    }),
  },
  responses: {
    200: { description: "A page of payments.", content: json(pageSchema(PaymentSchema, "PaymentPage")) },
  },
});

const getPaymentRoute = apiRoute({
  method: "get",
  path: "/payments/{id}",
  operationId: "getPayment",
  tags: ["Payments"],
  summary: "One payment or refund",
  permission: "payments.record",
  request: { params: IdParams },
  responses: { 200: { description: "The payment.", content: json(PaymentSchema) } },
});

const createPaymentRoute = apiRoute({
  method: "post",
  path: "/payments",
  operationId: "createPayment",
  tags: ["Payments"],
  summary: "Record money received, against an invoice or as the client's credit",
  description: "Up to the balance due pays the invoice; anything above it becomes the client's credit.",
  permission: "payments.record",
  request: { body: { required: true, content: json(PaymentCreate) } },
  responses: { 201: { description: "Recorded.", content: json(PaymentOutcomeSchema) } },
});

const refundPaymentRoute = apiRoute({
  method: "post",
  path: "/payments/{id}/refunds",
  operationId: "refundPayment",
  tags: ["Payments"],
  summary: "Pay money back against a payment, in part or in full",
  description:
    "The refund first takes back what the payment left as credit, then reopens the invoice. It may not exceed " +
    "the payment less its earlier refunds, nor its credit plus what the invoice holds.",
  permission: "payments.record",
  request: { params: IdParams, body: { required: true, content: json(RefundWrite) } },
  responses: {
    201: { description: "The refund (a negative payment).", content: json(PaymentOutcomeSchema) },
    409: problemResponse(
      "The payment is voided, is itself a refund, or is credit applied (void that instead).",
    ),
  },
});

const voidPaymentRoute = apiRoute({
  method: "post",
  path: "/payments/{id}/void",
  operationId: "voidPayment",
  tags: ["Payments"],
  summary: "Void a payment, refund or credit application recorded by mistake; its effect is reversed",
  permission: "payments.record",
  request: { params: IdParams, body: { required: true, content: json(VoidWrite) } },
  responses: {
    200: { description: "Voided.", content: json(PaymentOutcomeSchema) },
    409: problemResponse("Already voided, its refunds come first, or the credit it left has been used."),
  },
});

/** `/payments`: money received, refunds and voids, through lib/billing/payments.ts. */
export const payments: ApiResource = (api) => {
  api.openapi(listPaymentsRoute, async (c) => {
    const { limit, after, clientId, invoiceId, method, from, to } = c.req.valid("query");
    const cursor = decodeCursor(after, CursorSchema);
    const rows = await listPayments(c.get("studio")!.db, {
      from: from ?? "0001-01-01",
      to: to ?? "9999-12-31",
      clientId,
      documentId: invoiceId,
      method,
      after: cursor && { receivedOn: cursor[0], id: cursor[1] },
      limit: limit + 1,
    });
    const page = pageOf(c, rows, limit, (last) => [last.receivedOn, last.id]);
    return c.json({ data: page.data.map(paymentJson), next: page.next }, 200);
  });

  api.openapi(getPaymentRoute, async (c) => {
    return c.json(paymentJson(await getPaymentRow(c.get("studio")!.db, c.req.valid("param").id)), 200);
  });

  api.openapi(createPaymentRoute, async (c) => {
    const { invoiceId, ...money } = c.req.valid("json");
    const result = await inApiTerms(() =>
      recordPayment(c.get("studio")!.db, { ...money, documentId: invoiceId } as PaymentInput, apiActingAs(c))
    );
    return c.json(await outcomeJson(c, result), 201);
  });

  api.openapi(refundPaymentRoute, async (c) => {
    const db = c.get("studio")!.db;
    const { id } = c.req.valid("param");
    await getPaymentRow(db, id);
    const result = await refundPayment(db, id, c.req.valid("json") as RefundInput, apiActingAs(c));
    return c.json(await outcomeJson(c, result), 201);
  });

  api.openapi(voidPaymentRoute, async (c) => {
    const db = c.get("studio")!.db;
    const { id } = c.req.valid("param");
    await getPaymentRow(db, id);
    const result = await voidPayment(db, id, c.req.valid("json").reason, apiActingAs(c));
    return c.json(await outcomeJson(c, result), 200);
  });
};

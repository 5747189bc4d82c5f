import { z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { clients } from "../../../db/schema/mod.ts";
import { getDocument } from "../../billing/documents.ts";
import { applyCredit, clientCreditBalances, getPaymentRow } from "../../billing/payments.ts";
import { ConflictError, NotFoundError } from "../../errors.ts";
import { apiActingAs } from "../auth.ts";
import { problemResponse } from "../problems.ts";
import { type ApiResource, apiRoute } from "../route.ts";
import { documentJson, DocumentSchema, studioToday } from "./documents.ts";
import { paymentJson, PaymentSchema } from "./payments.ts";

const IdParams = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" } }) });
const json = <S extends z.ZodType>(schema: S) => ({ "application/json": { schema } });

const CreditBalanceSchema = z.object({
  clientId: z.string(),
  balances: z.array(z.object({
    currency: z.string(),
    amount: z.number().int().openapi({ description: "Credit held, in minor units of `currency`." }),
  })).openapi({ description: "One row per currency where the client holds credit (none: empty)." }),
}).openapi("ClientCredit");

const ApplyCreditWrite = z.object({
  amount: z.number().optional().openapi({
    description: "Minor units of the invoice's currency, above 0. Default: as much as the client's credit " +
      "in that currency and the balance due allow.",
  }),
}).openapi("ApplyCredit");

const AppliedCreditSchema = z.object({
  payment: PaymentSchema.openapi({ description: "The payment of method `credit` that paid the invoice." }),
  invoice: DocumentSchema.openapi({ description: "The invoice as it now stands." }),
  credit: z.number().int().openapi({ description: "What came out of the client's credit (negative)." }),
  creditLeft: z.number().int().openapi({
    description: "The client's credit left in the invoice's currency.",
  }),
}).openapi("AppliedCredit");

const getClientCreditRoute = apiRoute({
  method: "get",
  path: "/clients/{id}/credit",
  operationId: "getClientCredit",
  tags: ["Payments"],
  summary:
    "The client's credit per currency (overpayments and payments without an invoice, less credit used)",
  permission: "payments.record",
  request: { params: IdParams },
  responses: { 200: { description: "The client's credit.", content: json(CreditBalanceSchema) } },
});

const applyCreditRoute = apiRoute({
  method: "post",
  path: "/invoices/{id}/apply-credit",
  operationId: "applyClientCredit",
  tags: ["Invoices"],
  summary: "Pay an invoice or deposit invoice from the client's credit in its currency",
  description:
    "Records a payment of method `credit` and takes it from the client's credit, in one transaction. " +
    "Refused (422 on `amount`) when nothing is due, the client has no credit in the invoice's currency, or " +
    "`amount` is more than both allow. Undo it by voiding the payment (`POST /payments/{id}/void`).",
  permission: "payments.record",
  request: { params: IdParams, body: { required: false, content: json(ApplyCreditWrite) } },
  responses: {
    200: { description: "Applied.", content: json(AppliedCreditSchema) },
    409: problemResponse("The invoice is a draft: issue it first."),
  },
});

/** `GET /clients/{id}/credit` and `POST /invoices/{id}/apply-credit`, through lib/billing/payments.ts. */
export const credits: ApiResource = (api) => {
  api.openapi(getClientCreditRoute, async (c) => {
    const db = c.get("studio")!.db;
    const { id } = c.req.valid("param");
    const [client] = await db.select({ id: clients.id }).from(clients).where(eq(clients.id, id));
    if (!client) throw new NotFoundError("No such client.");
    return c.json({ clientId: id, balances: await clientCreditBalances(db, id) }, 200);
  });

  api.openapi(applyCreditRoute, async (c) => {
    const db = c.get("studio")!.db;
    const { id } = c.req.valid("param");
    const invoice = await getDocument(db, id, ["invoice", "deposit_invoice"]);
    if (invoice.status === "draft") {
      throw new ConflictError("Issue the invoice before applying credit to it.");
    }
    const { amount } = (c.req.valid("json") ?? {}) as z.infer<typeof ApplyCreditWrite>;
    const result = await applyCredit(db, id, amount, apiActingAs(c));
    const row = await getPaymentRow(db, result.payment.id);
    const left = (await clientCreditBalances(db, invoice.clientId))
      .find((b) => b.currency === invoice.currency.trim())?.amount ?? 0;
    return c.json({
      payment: paymentJson(row),
      invoice: documentJson(result.document!, studioToday(c)),
      credit: result.credit,
      creditLeft: left,
    }, 200);
  });
};

import { z } from "@hono/zod-openapi";
import { type ConversionTarget, convertQuote } from "../../billing/quote_conversion.ts";
import { reviseQuote, sendQuote } from "../../billing/quotes.ts";
import { getDocument } from "../../billing/documents.ts";
import { studioOrigin } from "../../http/studio_origin.ts";
import { apiActingAs } from "../auth.ts";
import { problemResponse } from "../problems.ts";
import { type ApiResource, apiRoute } from "../route.ts";
import { documentJson, DocumentSchema, studioToday } from "./documents.ts";

const IdParams = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" } }) });
const json = <S extends z.ZodType>(schema: S) => ({ "application/json": { schema } });
const Version = z.object({
  version: z.number().int().openapi({ description: "The quote's `version` as read; a stale one is a 409." }),
});

const ConversionWrite = Version.extend({
  target: z.enum(["invoice", "deposit_invoice"]).openapi({
    description: "`invoice`: the final invoice, line for line, deducting paid deposits; " +
      "`deposit_invoice`: one untaxed line of `percent` of the quote's total.",
  }),
  percent: z.union([z.string(), z.number()]).nullable().optional().openapi({
    description: 'Deposit invoices: the share of the total, above 0 and at most 100 ("30", "12.5").',
  }),
}).openapi("QuoteConversion");

const sendQuoteRoute = apiRoute({
  method: "post",
  path: "/quotes/{id}/send",
  operationId: "sendQuote",
  tags: ["Quotes"],
  summary: "E-mail the quote to its client with a link to accept or decline it (again: a new link)",
  description: "The first send takes the quote's number, its issue date and its last valid day. The client " +
    "needs an e-mail address (422 on `clientId` otherwise).",
  permission: "quotes.manage",
  request: { params: IdParams, body: { required: true, content: json(Version) } },
  responses: {
    200: { description: "Sent.", content: json(DocumentSchema) },
    409: problemResponse("Stale `version`, or the quote can no longer be sent (accepted, declined, …)."),
    410: problemResponse("The sent quote's offer is closed (expired, or superseded by a newer revision)."),
  },
});

const convertQuoteRoute = apiRoute({
  method: "post",
  path: "/quotes/{id}/convert",
  operationId: "convertQuote",
  tags: ["Quotes"],
  summary: "Make a draft invoice or deposit invoice from an accepted (or sent) quote",
  permission: "quotes.manage",
  request: { params: IdParams, body: { required: true, content: json(ConversionWrite) } },
  responses: {
    201: { description: "The new draft invoice or deposit invoice.", content: json(DocumentSchema) },
    409: problemResponse(
      "Stale `version`, a draft or closed quote, already converted, or a newer revision sent.",
    ),
  },
});

const reviseQuoteRoute = apiRoute({
  method: "post",
  path: "/quotes/{id}/revise",
  operationId: "reviseQuote",
  tags: ["Quotes"],
  summary: "A new draft revision of a sent, declined or expired quote",
  permission: "quotes.manage",
  request: { params: IdParams, body: { required: true, content: json(Version) } },
  responses: {
    201: { description: "The new draft revision.", content: json(DocumentSchema) },
    409: problemResponse("Stale `version`, a draft or accepted quote, or a newer revision exists."),
  },
});

/** The quote lifecycle beyond drafts: send, convert, revise (lib/billing/quotes.ts, quote_conversion.ts). */
export const quoteActions: ApiResource = (api) => {
  api.openapi(sendQuoteRoute, async (c) => {
    const studio = c.get("studio")!;
    const { id } = c.req.valid("param");
    await getDocument(studio.db, id, "quote");
    const { mailer, config } = c.get("deps");
    // The link is on the address the call came to, which resolveStudio matched to this studio.
    const baseUrl = `${studioOrigin(new URL(c.req.url), config)}${studio.base}`;
    const { quote } = await sendQuote(studio.db, id, c.req.valid("json").version, apiActingAs(c), {
      mailer,
      baseUrl,
    });
    return c.json(documentJson(quote, studioToday(c)), 200);
  });

  api.openapi(convertQuoteRoute, async (c) => {
    const db = c.get("studio")!.db;
    const { id } = c.req.valid("param");
    await getDocument(db, id, "quote");
    const { version, target, percent } = c.req.valid("json");
    const draft = await convertQuote(
      db,
      id,
      version,
      { target: target as ConversionTarget, percent: percent ?? null },
      apiActingAs(c),
    );
    return c.json(documentJson(draft, studioToday(c)), 201);
  });

  api.openapi(reviseQuoteRoute, async (c) => {
    const db = c.get("studio")!.db;
    const { id } = c.req.valid("param");
    await getDocument(db, id, "quote");
    const draft = await reviseQuote(db, id, c.req.valid("json").version, apiActingAs(c));
    return c.json(documentJson(draft, studioToday(c)), 201);
  });
};

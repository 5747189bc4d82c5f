import { z } from "@hono/zod-openapi";
import { resolvePeriod } from "../../billing/report_period.ts";
import { revenueReport } from "../../billing/reports.ts";
import { getIssuer } from "../../billing/settings.ts";
import { type ApiResource, apiRoute } from "../route.ts";
import { studioToday } from "./documents.ts";

const json = <S extends z.ZodType>(schema: S) => ({ "application/json": { schema } });
const minor = (description: string) => z.number().int().openapi({ description });
const localDate = z.string().openapi({ format: "date", example: "2026-03-01" });

const FiguresSchema = z.object({
  net: z.number().int(),
  tax: z.number().int(),
  total: z.number().int(),
}).openapi("ReportFigures");

const CurrencyFiguresSchema = z.object({
  currency: z.string(),
  invoiced: FiguresSchema,
  invoiceCount: z.number().int(),
  creditNotes: FiguresSchema,
  creditNoteCount: z.number().int(),
  deposits: z.number().int(),
  depositCount: z.number().int(),
  received: z.number().int(),
  refunded: z.number().int(),
  collected: z.number().int(),
  outstanding: z.number().int(),
  outstandingCount: z.number().int(),
  overdue: z.number().int(),
  overdueCount: z.number().int(),
}).openapi("ReportCurrencyFigures");

export const RevenueReportSchema = z.object({
  from: localDate,
  to: localDate,
  baseCurrency: z.string().openapi({
    description: "The studio's currency: every figure below is in its minor units.",
  }),
  invoiced: FiguresSchema.openapi({
    description: "Invoices issued in the period less credit notes on invoices.",
  }),
  invoiceCount: z.number().int(),
  creditNotes: FiguresSchema.openapi({
    description: "Credit notes on invoices issued in the period (deducted).",
  }),
  creditNoteCount: z.number().int(),
  deposits: minor("Deposit invoices issued less their credit notes: payments on account, not in `invoiced`."),
  depositCount: z.number().int(),
  received: minor("Payments received (credit applied to invoices is not money received)."),
  refunded: minor("Refunds paid, as a positive amount."),
  collected: minor("received − refunded."),
  outstanding: minor("What invoices and deposit invoices issued by `to` still owed at the end of `to`."),
  outstandingCount: z.number().int(),
  overdue: minor("Of `outstanding`, what was past its due date on `to`."),
  overdueCount: z.number().int(),
  taxes: z.array(z.object({
    name: z.string(),
    rate: z.string().openapi({ description: "Exact decimal percentage." }),
    compound: z.boolean(),
    base: minor("Taxable amount in the base currency."),
    amount: minor("Tax in the base currency."),
    byCurrency: z.array(z.object({ currency: z.string(), base: z.number().int(), amount: z.number().int() })),
  })).openapi({
    description: "Tax per rate on invoices less their credit notes, recomputed from the lines.",
  }),
  currencies: z.array(CurrencyFiguresSchema).openapi({
    description: "The same figures per document currency, in that currency's minor units.",
  }),
  months: z.array(z.object({
    month: z.string().openapi({ example: "2026-03" }),
    invoiced: FiguresSchema,
    collected: z.number().int(),
  })),
  unconverted: z.array(z.object({ currency: z.string(), amount: z.number().int() })).openapi({
    description:
      "Payments without an invoice in a currency with no exchange rate: left out of the base figures.",
  }),
}).openapi("RevenueReport");

const revenueReportRoute = apiRoute({
  method: "get",
  path: "/reports/revenue",
  operationId: "getRevenueReport",
  tags: ["Reports"],
  summary: "Invoiced, collected, outstanding and tax per rate for a period, in the studio's currency",
  description:
    "Each document is converted at the exchange rate stored on it, each payment at its invoice's rate " +
    "(a payment without an invoice at today's rate), rounded half away from zero to the base currency's minor " +
    "unit, then summed. Without `from` and `to`: this month in the studio's zone.",
  permission: "reports.view",
  request: {
    query: z.object({
      from: z.string().max(10).optional().openapi({
        format: "date",
        description: "First local date, inclusive.",
      }),
      to: z.string().max(10).optional().openapi({
        format: "date",
        description: "Last local date, inclusive.",
      }),
    }),
  },
  responses: { 200: { description: "The report.", content: json(RevenueReportSchema) } },
});

/** `GET /reports/revenue`: lib/billing/reports.ts's revenueReport. */
export const reports: ApiResource = (api) => {
  api.openapi(revenueReportRoute, async (c) => {
    const db = c.get("studio")!.db;
    const { from, to } = c.req.valid("query");
    const period = resolvePeriod({ from, to }, studioToday(c));
    const { period: _, ...report } = await revenueReport(db, period, (await getIssuer(db)).baseCurrency);
    return c.json({ from: period.from, to: period.to, ...report }, 200);
  });
};

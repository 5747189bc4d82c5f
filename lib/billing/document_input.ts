/**
 * What a draft quote, invoice, deposit invoice or credit note is written from — by pages, the API
 * and the converters (bookings → invoice, quote → invoice). Amounts are minor units; quantities and
 * percentages exact decimal strings. The totals engine checks the arithmetic rules on top.
 * Messages are catalogue ids (`say`, lib/i18n/messages/billing_errors_*.ts): pages show them in the
 * reader's language (`fieldMessages`), the API in English.
 */
import { z } from "zod";
import { say } from "../validation_messages.ts";

export const SERVICE_UNITS = ["hour", "half_day", "day", "item"] as const;

const decimalText = (what: "quantity" | "discount") =>
  z.union([z.string(), z.number()]).transform((v) => String(v).trim()).refine(
    (v) => /^\d+(\.\d+)?$/.test(v),
    say(what === "quantity" ? "billing.error.quantity_number" : "billing.error.discount_number"),
  );
const optionalText = (max: number) =>
  z.string().trim().max(max, say("billing.error.too_long")).nullish().transform((v) => v || null);
const minorUnits = z.number({ error: say("billing.error.amount_required") })
  .int(say("billing.error.amount_whole"))
  .min(0, say("billing.error.amount_negative"))
  .max(Number.MAX_SAFE_INTEGER, say("billing.error.amount_too_large"));
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, say("billing.error.date_format"));
const notBoth = say("billing.error.discount_both");

export const lineInputSchema = z.object({
  description: z.string().trim().min(1, say("billing.error.description_required"))
    .max(500, say("billing.error.too_long")),
  detail: optionalText(1000),
  quantity: decimalText("quantity"),
  unit: z.enum(SERVICE_UNITS, { error: say("billing.error.unit") }).default("item"),
  unitPrice: minorUnits,
  discountPercent: decimalText("discount").nullish().transform((v) => v ?? null),
  discountAmount: minorUnits.nullish().transform((v) => v ?? null),
  /** Ids of the studio's tax rates, levied in this order; the line stores a copy of each. */
  taxRateIds: z.array(z.string()).max(5, say("billing.error.too_many_taxes")).default([]),
  serviceId: z.string().nullish().transform((v) => v ?? null),
  bookingId: z.string().nullish().transform((v) => v ?? null),
  sessionDate: localDate.nullish().transform((v) => v ?? null),
  startsAt: z.coerce.date().nullish().transform((v) => v ?? null),
  endsAt: z.coerce.date().nullish().transform((v) => v ?? null),
}).refine((l) => l.discountPercent === null || l.discountAmount === null, {
  message: notBoth,
  path: ["discountPercent"],
});

export const MAX_LINES = 500;

export const draftInputSchema = z.object({
  clientId: z.string({ error: say("billing.error.client_required") }).min(
    1,
    say("billing.error.client_required"),
  ),
  title: optionalText(200),
  /** ISO 4217; the client's currency, else the studio's, when absent. */
  currency: z.string().trim().toUpperCase().length(3, say("billing.error.currency_required")).nullish()
    .transform((v) => v ?? null),
  notes: optionalText(4000),
  terms: optionalText(8000),
  discountPercent: decimalText("discount").nullish().transform((v) => v ?? null),
  discountAmount: minorUnits.nullish().transform((v) => v ?? null),
  /** Invoices: when payment is due; issuing sets issue date + payment terms when absent. */
  dueDate: localDate.nullish().transform((v) => v ?? null),
  /** Quotes: the last day the offer stands; sending sets today + the quote validity when absent. */
  validUntil: localDate.nullish().transform((v) => v ?? null),
  lines: z.array(lineInputSchema).max(MAX_LINES, say("billing.error.too_many_lines")),
}).refine((d) => d.discountPercent === null || d.discountAmount === null, {
  message: notBoth,
  path: ["discountPercent"],
});

export type LineInput = z.input<typeof lineInputSchema>;
export type LineData = z.output<typeof lineInputSchema>;
export type DraftInput = z.input<typeof draftInputSchema>;
export type DraftData = z.output<typeof draftInputSchema>;

/**
 * What a draft quote, invoice, deposit invoice or credit note is written from — by pages, the API
 * and the converters (bookings → invoice, quote → invoice). Amounts are minor units; quantities and
 * percentages exact decimal strings. The totals engine checks the arithmetic rules on top.
 */
import { z } from "zod";

export const SERVICE_UNITS = ["hour", "half_day", "day", "item"] as const;

const decimalText = (what: string) =>
  z.union([z.string(), z.number()]).transform((v) => String(v).trim()).refine(
    (v) => /^\d+(\.\d+)?$/.test(v),
    `Give the ${what} as a number such as 2 or 2.5.`,
  );
const optionalText = (max: number) =>
  z.string().trim().max(max, `At most ${max} characters.`).nullish().transform((v) => v || null);
const minorUnits = z.number({ error: "Give an amount." }).int("Give a whole amount.").min(
  0,
  "Give an amount of zero or more.",
)
  .max(Number.MAX_SAFE_INTEGER);
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Give a date as YYYY-MM-DD.");

export const lineInputSchema = z.object({
  description: z.string().trim().min(1, "Describe the line.").max(500, "At most 500 characters."),
  detail: optionalText(1000),
  quantity: decimalText("quantity"),
  unit: z.enum(SERVICE_UNITS, { error: "Choose hour, half day, day or item." }).default("item"),
  unitPrice: minorUnits,
  discountPercent: decimalText("discount").nullish().transform((v) => v ?? null),
  discountAmount: minorUnits.nullish().transform((v) => v ?? null),
  /** Ids of the studio's tax rates, levied in this order; the line stores a copy of each. */
  taxRateIds: z.array(z.string()).max(5, "At most 5 taxes on a line.").default([]),
  serviceId: z.string().nullish().transform((v) => v ?? null),
  bookingId: z.string().nullish().transform((v) => v ?? null),
  sessionDate: localDate.nullish().transform((v) => v ?? null),
  startsAt: z.coerce.date().nullish().transform((v) => v ?? null),
  endsAt: z.coerce.date().nullish().transform((v) => v ?? null),
}).refine((l) => l.discountPercent === null || l.discountAmount === null, {
  message: "Give a discount as a percentage or an amount, not both.",
  path: ["discountPercent"],
});

export const MAX_LINES = 500;

export const draftInputSchema = z.object({
  clientId: z.string({ error: "Choose a client." }).min(1, "Choose a client."),
  title: optionalText(200),
  /** ISO 4217; the client's currency, else the studio's, when absent. */
  currency: z.string().trim().toUpperCase().length(3, "Choose a currency.").nullish().transform((v) =>
    v ?? null
  ),
  notes: optionalText(4000),
  terms: optionalText(8000),
  discountPercent: decimalText("discount").nullish().transform((v) => v ?? null),
  discountAmount: minorUnits.nullish().transform((v) => v ?? null),
  /** Invoices: when payment is due; issuing sets issue date + payment terms when absent. */
  dueDate: localDate.nullish().transform((v) => v ?? null),
  /** Quotes: the last day the offer stands; sending sets today + the quote validity when absent. */
  validUntil: localDate.nullish().transform((v) => v ?? null),
  lines: z.array(lineInputSchema).max(MAX_LINES, `At most ${MAX_LINES} lines.`),
}).refine((d) => d.discountPercent === null || d.discountAmount === null, {
  message: "Give a discount as a percentage or an amount, not both.",
  path: ["discountPercent"],
});

export type LineInput = z.input<typeof lineInputSchema>;
export type LineData = z.output<typeof lineInputSchema>;
export type DraftInput = z.input<typeof draftInputSchema>;
export type DraftData = z.output<typeof draftInputSchema>;

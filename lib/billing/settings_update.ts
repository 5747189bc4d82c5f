/**
 * Saving the studio's billing settings (row id 1 of billing_settings, written on first save) and what
 * the settings page shows beside them: the next number each series would take. Rounding mode and
 * tax-inclusive prices apply to drafts written from then on; issued documents keep their own.
 */
import { and, eq } from "drizzle-orm";
import { encodeBase64 } from "@oslojs/encoding";
import { z } from "zod";
import { billingSettings, documentCounters, type DocumentKind } from "../../db/schema/mod.ts";
import { type ActingAs, changedFields, recordAudit } from "../audit/audit.ts";
import { ValidationError } from "../errors.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { fieldErrors } from "../validation.ts";
import {
  formatDocumentNumber,
  parseNumberFormat,
  sequencePeriod,
  validateNumberFormat,
} from "./numbering.ts";
import { type BillingSettings, getBillingSettings } from "./settings.ts";
import { requireActiveTaxRates } from "./tax_rates.ts";

/** A logo is printed small: half a megabyte is plenty, and it travels inside every PDF. */
export const MAX_LOGO_BYTES = 512 * 1024;
export const MAX_REMINDERS = 5;
export const MAX_ADDRESS_LINES = 6;
export const MAX_TAX_IDS = 5;

/** The number format fields, with the document kind each one numbers. */
export const NUMBER_FORMAT_FIELDS = {
  invoiceNumberFormat: "invoice",
  depositNumberFormat: "deposit_invoice",
  creditNoteNumberFormat: "credit_note",
  quoteNumberFormat: "quote",
} as const satisfies Record<string, DocumentKind>;

/** What the settings are saved from. Multi-line fields may come as one text, one item per line. */
export interface BillingSettingsInput {
  roundingMode: string;
  pricesIncludeTax: boolean;
  paymentTermsDays: number | string;
  quoteValidityDays: number | string;
  invoiceNumberFormat: string;
  depositNumberFormat: string;
  creditNoteNumberFormat: string;
  quoteNumberFormat: string;
  defaultTaxRateIds?: string[];
  addressLines?: string | string[];
  taxIds?: string | string[];
  bankDetails?: string | null;
  paymentInstructions?: string | null;
  invoiceFooter?: string | null;
  /** Days after the due date, ascending: [3, 14, 30] or "3, 14, 30". */
  reminderDays?: string | number[];
  /** Absent: keep the logo. Null: remove it. Bytes: replace it (PNG or JPEG, ≤ MAX_LOGO_BYTES). */
  logo?: Uint8Array | null;
}

const lines = (max: number, width: number, what: string) =>
  z.union([z.string(), z.array(z.string())]).default([])
    .transform((v) => (typeof v === "string" ? v.split(/\r?\n/) : v).map((l) => l.trim()).filter(Boolean))
    .refine((v) => v.length <= max, `At most ${max} ${what}.`)
    .refine((v) => v.every((l) => l.length <= width), `Each line has at most ${width} characters.`);

const optionalText = (max: number) =>
  z.string().trim().max(max, `At most ${max} characters.`).nullish().transform((v) => v || null);

const days = (min: number, message: string) =>
  z.union([z.number(), z.string().trim().regex(/^\d+$/, message).transform(Number)])
    .pipe(z.number().int(message).min(min, message).max(365, message));

const reminderDays = z.union([z.string(), z.array(z.number())]).default([])
  .transform((v, ctx) => {
    const parts = typeof v === "string" ? v.split(/[\s,;]+/).filter(Boolean) : v.map(String);
    if (parts.some((p) => !/^\d+$/.test(p) || Number(p) < 1 || Number(p) > 365)) {
      ctx.addIssue({
        code: "custom",
        message: "Give days as whole numbers from 1 to 365, such as 3, 14, 30.",
      });
      return z.NEVER;
    }
    return parts.map(Number);
  })
  .refine((v) => v.length <= MAX_REMINDERS, `At most ${MAX_REMINDERS} reminders.`)
  .refine((v) => v.every((d, i) => i === 0 || d > v[i - 1]), "List the days in ascending order, each once.");

const formatField = z.string({ error: "Give a number format." }).trim().superRefine((format, ctx) => {
  const problem = validateNumberFormat(format);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

const settingsSchema = z.object({
  roundingMode: z.enum(["per_line", "per_document"], { error: "Choose per line or per document." }),
  pricesIncludeTax: z.boolean().default(false),
  paymentTermsDays: days(0, "Give a number of days from 0 to 365."),
  quoteValidityDays: days(1, "Give a number of days from 1 to 365."),
  invoiceNumberFormat: formatField,
  depositNumberFormat: formatField,
  creditNoteNumberFormat: formatField,
  quoteNumberFormat: formatField,
  defaultTaxRateIds: z.array(z.string()).default([]),
  addressLines: lines(MAX_ADDRESS_LINES, 200, "address lines"),
  taxIds: lines(MAX_TAX_IDS, 100, "tax ids"),
  bankDetails: optionalText(1000),
  paymentInstructions: optionalText(2000),
  invoiceFooter: optionalText(2000),
  reminderDays,
});

/** The image type of `bytes` from its first bytes, whatever the upload claimed; undefined for anything else. */
export function logoContentType(bytes: Uint8Array): "image/png" | "image/jpeg" | undefined {
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= png.length && png.every((b, i) => bytes[i] === b)) return "image/png";
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  return undefined;
}

/** The problem with an uploaded logo, as a sentence for the form, or undefined when it may be stored. */
export function logoProblem(bytes: Uint8Array): string | undefined {
  if (bytes.length > MAX_LOGO_BYTES) {
    return `The logo is ${Math.ceil(bytes.length / 1024)} KB; it may be at most ${MAX_LOGO_BYTES / 1024} KB.`;
  }
  if (!logoContentType(bytes)) return "The logo must be a PNG or JPEG image.";
  return undefined;
}

/**
 * Validates and saves the billing settings, audited as `billing.settings_updated` with each changed
 * field's before and after (the logo as its type, size and hash, never its bytes). Every problem is
 * reported at once, on its field.
 *
 * ```ts
 * await updateBillingSettings(db, { ...current, paymentTermsDays: 14 }, actingAs(ctx));
 * ```
 */
export async function updateBillingSettings(
  db: TenantDb,
  input: BillingSettingsInput,
  acting: ActingAs,
): Promise<BillingSettings> {
  const parsed = settingsSchema.safeParse(input);
  const errors = parsed.success ? {} : fieldErrors(parsed.error);
  const problem = input.logo ? logoProblem(input.logo) : undefined;
  if (problem) errors.logo = problem;
  if (!parsed.success || problem) throw new ValidationError(errors);
  const data = parsed.data;

  return await db.transaction(async (tx) => {
    const before = await getBillingSettings(tx);
    const defaultTaxRateIds = await requireActiveTaxRates(tx, data.defaultTaxRateIds, "defaultTaxRateIds");
    const logo = input.logo === undefined
      ? { logoBase64: before.logoBase64, logoContentType: before.logoContentType }
      : input.logo === null
      ? { logoBase64: null, logoContentType: null }
      : { logoBase64: encodeBase64(input.logo), logoContentType: logoContentType(input.logo)! };
    const values = { ...data, defaultTaxRateIds, ...logo, updatedAt: new Date() };
    const [after] = await tx.insert(billingSettings).values({ id: 1, ...values })
      .onConflictDoUpdate({ target: billingSettings.id, set: values })
      .returning();
    const changes = changedFields(await audited(before), await audited(after));
    if (Object.keys(changes).length > 0) {
      await recordAudit(tx, {
        ...acting,
        action: "billing.settings_updated",
        entity: { type: "billing_settings", id: "1" },
        changes,
      });
    }
    return after;
  });
}

/** The settings as the audit log shows them: the logo summarised, bookkeeping columns left out. */
async function audited(settings: BillingSettings): Promise<Record<string, unknown>> {
  const { logoBase64, logoContentType: type, updatedAt: _u, id: _id, ...rest } = settings;
  return { ...rest, logo: logoBase64 ? await logoSummary(logoBase64, type) : null };
}

async function logoSummary(base64: string, type: string | null): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(base64));
  const hash = [...new Uint8Array(digest).slice(0, 6)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${type}, ${Math.ceil((base64.length * 3) / 4 / 1024)} KB, sha256 ${hash}…`;
}

/**
 * The number the next document of `kind` would take if issued at `at` with `format`, without taking
 * it: what the settings page shows as an example. Undefined when the format is invalid.
 */
export async function nextNumberExample(
  db: Pick<TenantDb, "select">,
  kind: DocumentKind,
  format: string,
  at: Date,
  zone: string,
): Promise<string | undefined> {
  if (validateNumberFormat(format)) return undefined;
  const parsed = parseNumberFormat(format);
  const period = sequencePeriod(parsed, { issuedAt: at, zone }) ?? 0;
  const [counter] = await db.select({ lastValue: documentCounters.lastValue }).from(documentCounters)
    .where(and(eq(documentCounters.kind, kind), eq(documentCounters.period, period)));
  return formatDocumentNumber(parsed, { sequence: (counter?.lastValue ?? 0) + 1, issuedAt: at, zone });
}

/** Saved settings as the input that would save them unchanged: where a form or a partial change starts. */
export function settingsInput(settings: BillingSettings): BillingSettingsInput {
  return {
    roundingMode: settings.roundingMode,
    pricesIncludeTax: settings.pricesIncludeTax,
    paymentTermsDays: settings.paymentTermsDays,
    quoteValidityDays: settings.quoteValidityDays,
    invoiceNumberFormat: settings.invoiceNumberFormat,
    depositNumberFormat: settings.depositNumberFormat,
    creditNoteNumberFormat: settings.creditNoteNumberFormat,
    quoteNumberFormat: settings.quoteNumberFormat,
    defaultTaxRateIds: settings.defaultTaxRateIds,
    addressLines: settings.addressLines,
    taxIds: settings.taxIds,
    bankDetails: settings.bankDetails,
    paymentInstructions: settings.paymentInstructions,
    invoiceFooter: settings.invoiceFooter,
    reminderDays: settings.reminderDays,
  };
}

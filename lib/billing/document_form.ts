/**
 * The document editor's HTML form ↔ DraftInput, for quotes and invoices alike. Works without
 * JavaScript: the page shows the lines plus a few blank rows (ignored when saved), "Add more lines"
 * re-renders with more, and the totals beside the form are the totals engine's (`previewTotals`).
 * Amounts are typed in the document's currency as the reader writes them (`parseAmount`).
 */
import type { LineTaxSnapshot, ServiceUnit } from "../../db/schema/mod.ts";
import { ValidationError } from "../errors.ts";
import { type Problem, problem, ResourceValidationError } from "../validation_messages.ts";
import { parseAmount, toDecimalAmount } from "./currency.ts";
import { type DraftInput, type LineInput, SERVICE_UNITS } from "./document_input.ts";
import { documentTotals } from "./document_totals.ts";
import type { BillingDocument } from "./documents.ts";
import type { DocumentTotals } from "./totals.ts";
import type { BillingSettings } from "./settings.ts";

export type DiscountKind = "percent" | "amount";

export interface LineFormValues {
  description: string;
  detail: string;
  quantity: string;
  unit: ServiceUnit;
  /** As typed, in the document's currency: "1 234,50". */
  unitPrice: string;
  discount: string;
  discountKind: DiscountKind;
  taxRateIds: string[];
  serviceId: string;
  // Lines made from sessions keep their links through an edit (hidden fields).
  bookingId: string;
  sessionDate: string;
  startsAt: string;
  endsAt: string;
}

export interface DocumentFormValues {
  clientId: string;
  currency: string;
  title: string;
  dueDate: string;
  validUntil: string;
  notes: string;
  terms: string;
  discount: string;
  discountKind: DiscountKind;
  lines: LineFormValues[];
}

/** A catalogue service as the editor offers it. */
export interface ServiceChoice {
  id: string;
  name: string;
  description: string | null;
  unit: ServiceUnit;
  unitPrice: number;
  currency: string;
  taxRateIds: string[];
}

/** Blank rows shown under the lines, and added by "Add more lines". */
export const BLANK_ROWS = 3;

export function blankLine(taxRateIds: string[] = []): LineFormValues {
  return {
    description: "",
    detail: "",
    quantity: "",
    unit: "item",
    unitPrice: "",
    discount: "",
    discountKind: "percent",
    taxRateIds: [...taxRateIds],
    serviceId: "",
    bookingId: "",
    sessionDate: "",
    startsAt: "",
    endsAt: "",
  };
}

/** A line row nobody typed in (default taxes may be ticked): left out when saving. */
export function isBlankLine(line: LineFormValues): boolean {
  return !line.description.trim() && !line.detail.trim() && !line.quantity.trim() && !line.unitPrice.trim() &&
    !line.serviceId && !line.bookingId;
}

/** A money amount as the editor shows it for `locale`: the currency's decimals, the locale's separator. */
export function amountText(minorUnits: number, currency: string, locale: string): string {
  const text = toDecimalAmount(minorUnits, currency);
  return decimalSeparator(locale) === "," ? text.replace(".", ",") : text;
}

const decimalSeparator = (locale: string) =>
  new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === "decimal")?.value ?? ".";

/** The form of a new document, or of a stored draft, with `blankRows` empty rows under its lines. */
export function documentValues(
  doc: BillingDocument | null,
  options: { blankRows?: number; locale: string; defaultTaxRateIds?: string[]; currency?: string },
): DocumentFormValues {
  const blanks = Array.from(
    { length: options.blankRows ?? BLANK_ROWS },
    () => blankLine(options.defaultTaxRateIds),
  );
  if (!doc) {
    return {
      clientId: "",
      currency: options.currency ?? "",
      title: "",
      dueDate: "",
      validUntil: "",
      notes: "",
      terms: "",
      discount: "",
      discountKind: "percent",
      lines: blanks,
    };
  }
  const money = (v: number) => amountText(v, doc.currency, options.locale);
  return {
    clientId: doc.clientId,
    currency: doc.currency,
    title: doc.title ?? "",
    dueDate: doc.dueDate ?? "",
    validUntil: doc.validUntil ?? "",
    notes: doc.notes ?? "",
    terms: doc.terms ?? "",
    discount: doc.discountPercent ?? (doc.discountAmount !== null ? money(doc.discountAmount) : ""),
    discountKind: doc.discountAmount !== null ? "amount" : "percent",
    lines: [
      ...doc.lines.map((line): LineFormValues => ({
        description: line.description,
        detail: line.detail ?? "",
        quantity: line.quantity,
        unit: line.unit,
        unitPrice: money(line.unitPrice),
        discount: line.discountPercent ?? (line.discountAmount !== null ? money(line.discountAmount) : ""),
        discountKind: line.discountAmount !== null ? "amount" : "percent",
        taxRateIds: line.taxes.map((t) => t.id),
        serviceId: line.serviceId ?? "",
        bookingId: line.bookingId ?? "",
        sessionDate: line.sessionDate ?? "",
        startsAt: line.startsAt?.toISOString() ?? "",
        endsAt: line.endsAt?.toISOString() ?? "",
      })),
      ...blanks,
    ],
  };
}

/** What the browser posted: every row (blank ones too) in order; rows are `lines.<n>.<field>`. */
export function formValues(form: FormData): DocumentFormValues {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  const kind = (name: string): DiscountKind => text(name) === "amount" ? "amount" : "percent";
  const lines: LineFormValues[] = [];
  for (let i = 0; form.has(`lines.${i}.description`); i++) {
    const field = (name: string) => text(`lines.${i}.${name}`);
    const unit = field("unit");
    lines.push({
      description: field("description"),
      detail: field("detail"),
      quantity: field("quantity"),
      unit: (SERVICE_UNITS as readonly string[]).includes(unit) ? unit as ServiceUnit : "item",
      unitPrice: field("unitPrice"),
      discount: field("discount"),
      discountKind: kind(`lines.${i}.discountKind`),
      taxRateIds: form.getAll(`lines.${i}.taxRateIds`).filter((v): v is string =>
        typeof v === "string" && v !== ""
      ),
      serviceId: field("serviceId"),
      bookingId: field("bookingId"),
      sessionDate: field("sessionDate"),
      startsAt: field("startsAt"),
      endsAt: field("endsAt"),
    });
  }
  return {
    clientId: text("clientId"),
    currency: text("currency"),
    title: text("title"),
    dueDate: text("dueDate"),
    validUntil: text("validUntil"),
    notes: text("notes"),
    terms: text("terms"),
    discount: text("discount"),
    discountKind: kind("discountKind"),
    lines,
  };
}

/**
 * Fills rows that name a catalogue service but no description from that service: its name, unit,
 * price (when in the document's currency) and taxes. Quantity 1 unless one was typed.
 */
export function applyServices(
  values: DocumentFormValues,
  services: ServiceChoice[],
  options: { currency: string; locale: string },
): DocumentFormValues {
  const byId = new Map(services.map((s) => [s.id, s]));
  return {
    ...values,
    lines: values.lines.map((line) => {
      const service = byId.get(line.serviceId);
      if (!service || line.description.trim()) return line;
      const samePrice = service.currency.trim() === options.currency;
      return {
        ...line,
        description: service.name,
        detail: line.detail || service.description || "",
        quantity: line.quantity || "1",
        unit: service.unit,
        unitPrice: line.unitPrice ||
          (samePrice ? amountText(service.unitPrice, options.currency, options.locale) : ""),
        taxRateIds: service.taxRateIds.length ? service.taxRateIds : line.taxRateIds,
      };
    }),
  };
}

// "2,5" is how half the world writes 2.5; quantities and percentages are plain decimals underneath.
const plainDecimal = (text: string) => {
  const t = text.trim().replace(/\s/g, "");
  return t.includes(".") ? t : t.replace(",", ".");
};
const orNull = (text: string) => text.trim() || null;

/**
 * The DraftInput the form describes, and `rowOf[i]`: the form row of input line i (blank rows are
 * left out). Amounts that cannot be read are a ValidationError on their form fields already.
 */
export function inputFromValues(
  values: DocumentFormValues,
  options: { currency: string; locale: string },
): { input: DraftInput; rowOf: number[] } {
  const errors: Record<string, Problem> = {};
  const amount = (text: string, field: string): number | null => {
    if (!text.trim()) return null;
    try {
      return parseAmount(text, options.currency, { locale: options.locale, field });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      errors[field] = (err instanceof ResourceValidationError ? err.problems[field] : undefined) ??
        { text: err.fields[field] ?? Object.values(err.fields)[0] };
      return null;
    }
  };
  const discount = (text: string, kind: DiscountKind, field: string) =>
    kind === "amount"
      ? { discountPercent: null, discountAmount: amount(text, field) }
      : { discountPercent: orNull(plainDecimal(text)), discountAmount: null };
  const rowOf: number[] = [];
  const lines: LineInput[] = [];
  values.lines.forEach((line, row) => {
    if (isBlankLine(line)) return;
    rowOf.push(row);
    const price = amount(line.unitPrice, `lines.${row}.unitPrice`);
    if (price === null && !errors[`lines.${row}.unitPrice`]) {
      errors[`lines.${row}.unitPrice`] = problem("billing.error.price_required");
    }
    lines.push({
      description: line.description,
      detail: orNull(line.detail),
      quantity: plainDecimal(line.quantity),
      unit: line.unit,
      unitPrice: price ?? 0,
      ...discount(line.discount, line.discountKind, `lines.${row}.discount`),
      taxRateIds: line.taxRateIds,
      serviceId: orNull(line.serviceId),
      bookingId: orNull(line.bookingId),
      sessionDate: orNull(line.sessionDate),
      startsAt: orNull(line.startsAt),
      endsAt: orNull(line.endsAt),
    });
  });
  if (Object.keys(errors).length > 0) throw new ResourceValidationError(errors);
  return {
    input: {
      clientId: values.clientId,
      currency: orNull(values.currency),
      title: orNull(values.title),
      notes: orNull(values.notes),
      terms: orNull(values.terms),
      dueDate: orNull(values.dueDate),
      validUntil: orNull(values.validUntil),
      ...discount(values.discount, values.discountKind, "discount"),
      lines,
    },
    rowOf,
  };
}

/**
 * A ValidationError's fields as the form names them: input line i becomes its form row, and both
 * discount fields ("discountPercent", "discountAmount") the one discount input.
 */
export function errorsOnRows(errors: Record<string, string>, rowOf: number[]): Record<string, string> {
  const mapped: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    const line = path.match(/^lines\.(\d+)\.([A-Za-z]+)/);
    let name = path;
    if (line) {
      const field = line[2] === "discountPercent" || line[2] === "discountAmount" ? "discount" : line[2];
      name = `lines.${rowOf[Number(line[1])] ?? line[1]}.${field}`;
    } else if (path === "discountPercent" || path === "discountAmount") {
      name = "discount";
    }
    mapped[name] ??= message;
  }
  return mapped;
}

/**
 * The totals the page shows beside the form, from the one totals engine; null while the form cannot
 * be computed yet (an amount unreadable, a quantity missing).
 */
export function previewTotals(
  values: DocumentFormValues,
  options: {
    currency: string;
    locale: string;
    taxRates: LineTaxSnapshot[];
    settings: Pick<BillingSettings, "roundingMode" | "pricesIncludeTax">;
  },
): DocumentTotals | null {
  try {
    const { input } = inputFromValues(values, options);
    const taxes = new Map(options.taxRates.map((t) => [t.id, t]));
    return documentTotals(
      {
        currency: options.currency,
        baseCurrency: options.currency,
        exchangeRate: "1",
        roundingMode: options.settings.roundingMode,
        pricesIncludeTax: options.settings.pricesIncludeTax,
        discountPercent: input.discountPercent == null ? null : String(input.discountPercent),
        discountAmount: input.discountAmount ?? null,
        depositsApplied: 0,
      },
      input.lines.map((line) => ({
        quantity: String(line.quantity),
        unitPrice: line.unitPrice,
        discountPercent: line.discountPercent == null ? null : String(line.discountPercent),
        discountAmount: line.discountAmount ?? null,
        taxes: (line.taxRateIds ?? []).flatMap((id) => taxes.get(id) ?? []),
      })),
    );
  } catch (err) {
    if (err instanceof ValidationError) return null;
    throw err;
  }
}

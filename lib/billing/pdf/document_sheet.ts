/**
 * What a quote, invoice, deposit invoice or credit note prints, as text in the document's language:
 * every figure from documentTotals (the engine the pages use) formatted with formatAmount, every
 * date in the document's locale. document_pdf.ts only places this text on pages.
 */
import type { PartySnapshot } from "../../../db/schema/mod.ts";
import { formatDate, formatDateTime, formatNumber, formatTime } from "../../i18n/format.ts";
import { DEFAULT_LOCALE, isSupportedLocale, type Locale } from "../../i18n/locales.ts";
import { createTranslator } from "../../i18n/translator.ts";
import { formatAmount } from "../currency.ts";
import { documentTotals } from "../document_totals.ts";
import type { BillingDocument, DocumentLine } from "../documents.ts";
import type { Issuer } from "../settings.ts";

/** What a document PDF needs besides the document itself (lib/billing/pdf/pdf_source.ts reads it). */
export interface DocumentPdfContext {
  /** The studio as it is now: drafts print it, issued documents print their snapshot. */
  issuer: Issuer;
  /** The client as it is now, for drafts; issued documents print their clientSnapshot. */
  client: PartySnapshot;
  /** The client's preferred language, when it has one. */
  clientLocale?: string | null;
  /** The number of the invoice a credit note credits, or of the quote an invoice comes from. */
  relatedNumber?: string | null;
}

export interface SheetLine {
  description: string;
  details: string[];
  quantity: string;
  unitPrice: string;
  discount: string;
  taxes: string;
  amount: string;
}

export interface SheetTotal {
  label: string;
  value: string;
  strong?: boolean;
}

export interface Sheet {
  locale: Locale;
  /** The document's number, or "draft-<id>" before it has one. */
  reference: string;
  /** "DRAFT" across every page of a draft. */
  watermark?: string;
  issuer: {
    name: string;
    addressLines: string[];
    taxIds: string[];
    logo?: { bytes: Uint8Array; type: "png" | "jpeg" };
  };
  /** "Invoice", "Devis"… */
  heading: string;
  /** Number, dates, related document: label and value. */
  meta: [string, string][];
  client: { label: string; name: string; lines: string[] };
  title?: string;
  columns: Record<keyof SheetLine & string, string>;
  lines: SheetLine[];
  taxSummary?: {
    title: string;
    header: [string, string, string, string];
    rows: [string, string, string, string][];
  };
  totals: SheetTotal[];
  /** The total in the studio's base currency at the document's rate. */
  inBaseCurrency?: string;
  /** Bank details, payment instructions, notes, terms: a title and free text each. */
  blocks: { title: string; text: string }[];
  signature?: { title: string; lines: string[] };
  footer?: string;
  pageLabel: (page: number, pages: number) => string;
}

/** The language a document speaks: its client's when the app speaks it, else the studio's. */
export function documentLocale(clientLocale: string | null | undefined, studioLocale: string): Locale {
  for (const candidate of [clientLocale, studioLocale]) {
    const language = candidate?.toLowerCase().split(/[-_]/)[0];
    if (isSupportedLocale(language)) return language;
  }
  return DEFAULT_LOCALE;
}

/** Everything `doc` prints, computed and formatted. */
export function documentSheet(doc: BillingDocument, context: DocumentPdfContext): Sheet {
  const locale = documentLocale(context.clientLocale, context.issuer.locale);
  const { t } = createTranslator(locale);
  const { settings, timezone } = context.issuer;
  const payable = doc.kind === "invoice" || doc.kind === "deposit_invoice";
  const totals = documentTotals(doc, doc.lines, payable ? doc.amountPaid : 0);
  const money = (minor: number) => formatAmount(minor, doc.currency, locale);
  const minus = (minor: number) => formatAmount(-minor, doc.currency, locale);
  const day = (date: string) => formatDate(Date.parse(`${date}T00:00:00Z`), "UTC", locale, "long");
  const percent = (rate: string) =>
    formatNumber(Number(rate) / 100, locale, { style: "percent", maximumFractionDigits: 4 });

  const draft = doc.status === "draft";
  const issuer = doc.issuerSnapshot && !draft
    ? {
      name: doc.issuerSnapshot.name,
      addressLines: doc.issuerSnapshot.addressLines,
      taxIds: doc.issuerSnapshot.taxIds,
      bankDetails: doc.issuerSnapshot.bankDetails ?? null,
    }
    : {
      name: context.issuer.name,
      addressLines: settings.addressLines,
      taxIds: settings.taxIds,
      bankDetails: settings.bankDetails,
    };
  const client = (!draft && doc.clientSnapshot) || context.client;

  const meta: [string, string][] = [];
  if (doc.number) meta.push([t("pdf.number"), doc.number]);
  if (doc.kind === "quote" && doc.revision > 1) meta.push([t("pdf.revision"), String(doc.revision)]);
  if (doc.issueDate) meta.push([t("pdf.issue_date"), day(doc.issueDate)]);
  if (payable && doc.dueDate) meta.push([t("pdf.due_date"), day(doc.dueDate)]);
  if (doc.kind === "quote" && doc.validUntil) meta.push([t("pdf.valid_until"), day(doc.validUntil)]);
  if (context.relatedNumber) {
    meta.push([t(doc.kind === "credit_note" ? "pdf.credits" : "pdf.related_quote"), context.relatedNumber]);
  }

  const lines = doc.lines.map((line, i): SheetLine => {
    const figures = totals.lines[i];
    const unit = line.unit === "item" ? "" : t(`pdf.unit.${line.unit}`);
    const quantity = formatNumber(Number(line.quantity), locale, { maximumFractionDigits: 6 });
    return {
      description: line.description,
      details: lineDetails(line, timezone, locale),
      quantity: unit ? `${quantity}\u00a0${unit}` : quantity,
      unitPrice: money(line.unitPrice),
      discount: figures.discount ? minus(figures.discount) : "",
      taxes: line.taxes.map((tax) => percent(tax.rate)).join(" + "),
      amount: money(figures.amount),
    };
  });

  const totalRows: SheetTotal[] = [{
    label: t(doc.pricesIncludeTax ? "pdf.subtotal_incl" : "pdf.subtotal"),
    value: money(totals.subtotal),
  }];
  if (totals.lineDiscountTotal) {
    totalRows.push({ label: t("pdf.line_discounts"), value: minus(totals.lineDiscountTotal) });
  }
  if (totals.documentDiscount) {
    totalRows.push({
      label: doc.discountPercent
        ? t("pdf.document_discount_percent", { percent: percent(doc.discountPercent) })
        : t("pdf.document_discount"),
      value: minus(totals.documentDiscount),
    });
  }
  totalRows.push(
    { label: t("pdf.net_total"), value: money(totals.netTotal) },
    { label: t("pdf.tax_total"), value: money(totals.taxTotal) },
    { label: t("pdf.total"), value: money(totals.total), strong: !payable },
  );
  if (payable) {
    if (totals.depositsPaid) totalRows.push({ label: t("pdf.deposits"), value: minus(totals.depositsPaid) });
    if (totals.paymentsMade) totalRows.push({ label: t("pdf.payments"), value: minus(totals.paymentsMade) });
    if (doc.amountCredited) totalRows.push({ label: t("pdf.credited"), value: minus(doc.amountCredited) });
    totalRows.push({
      label: t("pdf.balance_due"),
      value: money(totals.amountDue - doc.amountCredited),
      strong: true,
    });
  }

  const blocks: Sheet["blocks"] = [];
  if (payable && issuer.bankDetails) blocks.push({ title: t("pdf.bank_details"), text: issuer.bankDetails });
  if (payable && settings.paymentInstructions) {
    blocks.push({ title: t("pdf.payment_instructions"), text: settings.paymentInstructions });
  }
  if (doc.notes) blocks.push({ title: t("pdf.notes"), text: doc.notes });
  if (doc.terms) blocks.push({ title: t("pdf.terms"), text: doc.terms });

  const signature = doc.kind === "quote" && doc.signature
    ? {
      title: t("pdf.accepted"),
      lines: [
        t("pdf.accepted_by", {
          name: doc.signature.name,
          when: formatDateTime(new Date(doc.signature.signedAt), timezone, locale, { date: "long" }),
        }),
        t("pdf.document_hash", { hash: doc.signature.documentHash }),
      ],
    }
    : undefined;

  const inBase = totals.inBaseCurrency;
  return {
    locale,
    reference: doc.number ?? `draft-${doc.id}`,
    watermark: draft ? t("pdf.watermark") : undefined,
    issuer: { ...issuer, logo: logoOf(settings.logoBase64, settings.logoContentType) },
    heading: t(`pdf.kind.${doc.kind}`) + (draft ? ` (${t("pdf.draft").toLowerCase()})` : ""),
    meta,
    client: {
      label: t(doc.kind === "quote" ? "pdf.quote_for" : "pdf.bill_to"),
      name: client.name,
      lines: [
        ...client.addressLines,
        ...(client.taxId ? [t("pdf.tax_id", { taxId: client.taxId })] : []),
        ...(client.email ? [client.email] : []),
      ],
    },
    title: doc.title ?? undefined,
    columns: {
      description: t("pdf.col.description"),
      details: "",
      quantity: t("pdf.col.quantity"),
      unitPrice: t("pdf.col.unit_price"),
      discount: t("pdf.col.discount"),
      taxes: t("pdf.col.taxes"),
      amount: t("pdf.col.amount"),
    },
    lines,
    taxSummary: totals.taxSummary.length === 0 ? undefined : {
      title: t("pdf.tax_summary"),
      header: [
        t("pdf.tax_summary.tax"),
        t("pdf.tax_summary.rate"),
        t("pdf.tax_summary.base"),
        t("pdf.tax_summary.amount"),
      ],
      rows: totals.taxSummary.map((row) => [
        row.name,
        percent(row.rate) + (row.compound ? ` (${t("pdf.compound")})` : ""),
        money(row.base),
        money(row.amount),
      ]),
    },
    totals: totalRows,
    inBaseCurrency: inBase
      ? t("pdf.in_base", {
        rate: formatNumber(Number(inBase.rate), locale, { maximumFractionDigits: 10 }),
        base: inBase.currency,
        currency: doc.currency,
        total: formatAmount(inBase.total, inBase.currency, locale),
      })
      : undefined,
    blocks,
    signature,
    footer: settings.invoiceFooter ?? undefined,
    pageLabel: (page, pages) => t("pdf.page", { page, pages }),
  };
}

/** The line's second row: its own detail, else the session's day and times in the studio's zone. */
function lineDetails(line: DocumentLine, zone: string, locale: Locale): string[] {
  if (line.detail) return [line.detail];
  if (line.startsAt && line.endsAt) {
    const time = (at: Date) => formatTime(at, zone, locale);
    return [
      `${formatDate(line.startsAt, zone, locale, "full")}, ${time(line.startsAt)}–${time(line.endsAt)}`,
    ];
  }
  if (line.sessionDate) {
    return [formatDate(Date.parse(`${line.sessionDate}T00:00:00Z`), "UTC", locale, "full")];
  }
  return [];
}

function logoOf(base64: string | null, contentType: string | null): Sheet["issuer"]["logo"] {
  if (!base64 || (contentType !== "image/png" && contentType !== "image/jpeg")) return undefined;
  return {
    bytes: Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)),
    type: contentType === "image/png" ? "png" : "jpeg",
  };
}

/**
 * A 50-line invoice as a PDF (target ≤ 150 ms): two VAT rates, discounts, session details, bank
 * details, notes and a footer, over two pages — the whole of renderDocumentPdf (figures from the
 * totals engine, layout, DejaVu Sans subset and embedded, saved). The document is built in memory:
 * reading it from the database is the invoice page's cost too, and measured there.
 * Run with `deno bench -A bench/billing_pdf_bench.ts`.
 */
import { documentTotals } from "../lib/billing/document_totals.ts";
import type { BillingDocument, DocumentLine } from "../lib/billing/documents.ts";
import { renderDocumentPdf } from "../lib/billing/pdf/document_pdf.ts";
import type { DocumentPdfContext } from "../lib/billing/pdf/document_sheet.ts";
import { DEFAULT_BILLING_SETTINGS } from "../lib/billing/settings.ts";

const vat20 = { id: "tax_20", name: "TVA 20 %", rate: "20" };
const vat55 = { id: "tax_55", name: "TVA 5,5 %", rate: "5.5" };

function invoice(lineCount: number): BillingDocument {
  const lines: DocumentLine[] = Array.from({ length: lineCount }, (_, i) => ({
    id: `line_${i}`,
    documentId: "inv_bench",
    position: i,
    description: i % 7 === 0
      ? `Live room A with engineer and backline, overdubs for track ${i + 1} of the album`
      : `Session ${i + 1}: vocal tracking`,
    detail: `Monday ${1 + (i % 28)} March 2026, 10:00–18:00`,
    quantity: i % 3 === 0 ? "2.5" : "8",
    unit: "hour",
    unitPrice: 6500 + 10 * i,
    discountPercent: i % 5 === 0 ? "10" : null,
    discountAmount: null,
    taxes: i % 4 === 0 ? [vat20, vat55] : [vat20],
    serviceId: null,
    bookingId: null,
    sessionDate: null,
    startsAt: null,
    endsAt: null,
    net: 0,
    taxTotal: 0,
    gross: 0,
  }));
  const doc = {
    id: "inv_bench",
    kind: "invoice",
    status: "issued",
    number: "INV-2026-0042",
    sequence: 42,
    period: 2026,
    clientId: "cli_bench",
    title: "Album “Night Drive” — tracking and overdubs",
    currency: "EUR",
    baseCurrency: "EUR",
    exchangeRate: "1",
    roundingMode: "per_line",
    pricesIncludeTax: false,
    discountPercent: "5",
    discountAmount: null,
    issueDate: "2026-03-31",
    dueDate: "2026-04-30",
    validUntil: null,
    notes: "Thank you for recording with us. Stems are kept for 90 days.",
    terms: "Payable within 30 days of the invoice date.",
    clientSnapshot: {
      name: "Blue Note Records Ltd",
      addressLines: ["1 Music Lane", "N1 9GU London", "GB"],
      taxId: "GB123456789",
      email: "accounts@bluenote.example",
    },
    issuerSnapshot: {
      name: "Studio des Lilas",
      addressLines: ["12 rue des Studios", "75011 Paris", "France"],
      taxIds: ["TVA FR12345678901", "SIRET 123 456 789 00012"],
      bankDetails: "IBAN FR76 3000 6000 0112 3456 7890 189 · BIC AGRIFRPP",
    },
    subtotal: 0,
    discountTotal: 0,
    netTotal: 0,
    taxTotal: 0,
    total: 0,
    depositsApplied: 30000,
    amountPaid: 50000,
    amountCredited: 0,
    totalInBase: 0,
    relatedDocumentId: null,
    revision: 1,
    revisionOf: null,
    publicTokenHash: null,
    signature: null,
    declineReason: null,
    version: 2,
    createdBy: null,
    createdAt: new Date("2026-03-30T09:00:00Z"),
    updatedAt: new Date("2026-03-31T09:00:00Z"),
    issuedAt: new Date("2026-03-31T09:00:00Z"),
    sentAt: null,
    acceptedAt: null,
    declinedAt: null,
    paidAt: null,
    lines,
  } satisfies BillingDocument;
  return { ...doc, total: documentTotals(doc, lines).total };
}

const context: DocumentPdfContext = {
  issuer: {
    name: "Studio des Lilas",
    timezone: "Europe/Paris",
    baseCurrency: "EUR",
    locale: "fr",
    settings: {
      ...DEFAULT_BILLING_SETTINGS,
      paymentInstructions: "Virement en indiquant le numéro de facture.",
      invoiceFooter:
        "Pénalités de retard : trois fois le taux d’intérêt légal ; indemnité forfaitaire de 40 €.",
    },
  },
  client: { name: "Blue Note Records Ltd", addressLines: [] },
  clientLocale: "en",
};

const fifty = invoice(50);
const pages = await renderDocumentPdf(fifty, context);
console.log(`50-line invoice PDF: ${(pages.byteLength / 1024).toFixed(1)} KiB`);

Deno.bench("50-line invoice PDF (target ≤ 150 ms)", async () => {
  await renderDocumentPdf(fifty, context);
});

const one = invoice(1);
Deno.bench("1-line invoice PDF", async () => {
  await renderDocumentPdf(one, context);
});

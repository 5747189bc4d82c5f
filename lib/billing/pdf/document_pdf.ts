/**
 * Quotes, invoices, deposit invoices and credit notes as A4 PDFs (pdf-lib, DejaVu Sans embedded and
 * subset). What is printed comes from document_sheet.ts; this module places it: the studio and the
 * document's number and dates, the client, the lines (the table header repeated on every page), the
 * tax summary, the totals, payment details, notes and terms, the signature of an accepted quote, and
 * on every page the footer and "Page 1 of 3". Drafts carry a DRAFT watermark.
 */
import { degrees, PDFDocument, type PDFFont, type PDFPage, rgb } from "pdf-lib";
import { log } from "../../http/logger.ts";
import type { BillingDocument } from "../documents.ts";
import { type DocumentPdfContext, documentSheet, type Sheet } from "./document_sheet.ts";
import { type DocumentFonts, embedDocumentFonts } from "./pdf_fonts.ts";
import { type Column, fittingSize, layoutColumns, type Measure, textX, wrapText } from "./pdf_layout.ts";

export type { DocumentPdfContext } from "./document_sheet.ts";

/**
 * The document as a PDF: the same figures as its page (documentTotals), in the client's language.
 *
 * @example
 * const { doc, context } = await loadDocumentForPdf(db, id, ["invoice"]);
 * const bytes = await renderDocumentPdf(doc, context);
 */
export async function renderDocumentPdf(
  doc: BillingDocument,
  context: DocumentPdfContext,
): Promise<Uint8Array> {
  return await renderSheet(documentSheet(doc, context));
}

/** The name a document's PDF downloads under: "INV-2026-0001.pdf", or "draft-<id>.pdf" before issue. */
export function documentPdfFileName(doc: Pick<BillingDocument, "id" | "number">): string {
  return `${doc.number ? doc.number.replace(/[^A-Za-z0-9._-]/g, "-") : `draft-${doc.id}`}.pdf`;
}

const PAGE: [number, number] = [595.28, 841.89]; // A4 in points
const MARGIN = 42;
const LEFT = MARGIN;
const RIGHT = PAGE[0] - MARGIN;
const WIDTH = RIGHT - LEFT;
const TOP = PAGE[1] - MARGIN;

const INK = rgb(0.1, 0.1, 0.12);
const MUTED = rgb(0.4, 0.4, 0.45);
const RULE = rgb(0.8, 0.8, 0.82);

interface Style {
  font?: "regular" | "bold";
  size?: number;
  color?: ReturnType<typeof rgb>;
}

/** A cursor over the pages: `y` is the top of the next line; a line that does not fit opens a page. */
class Pages {
  readonly list: PDFPage[] = [];
  page!: PDFPage;
  y = TOP;
  /** Redraws what a new page repeats (the table's header) while a table is being drawn. */
  onNewPage?: () => void;

  constructor(
    readonly pdf: PDFDocument,
    readonly fonts: DocumentFonts,
    readonly bottom: number,
    readonly continuation: string,
  ) {
    this.add();
  }

  measure(style: Style = {}): Measure {
    const font = this.font(style);
    const size = style.size ?? 9;
    return (text) => font.widthOfTextAtSize(text, size);
  }

  font(style: Style): PDFFont {
    return style.font === "bold" ? this.fonts.bold : this.fonts.regular;
  }

  /** Draws one line of text with its top at `top` (default: the cursor). */
  text(text: string, x: number, style: Style = {}, top = this.y) {
    if (text === "") return;
    const size = style.size ?? 9;
    this.page.drawText(text, {
      x,
      y: top - size * 0.8,
      size,
      font: this.font(style),
      color: style.color ?? INK,
    });
  }

  /** Text against the right edge of `right`. */
  textRight(text: string, right: number, style: Style = {}, top = this.y) {
    this.text(text, right - this.measure(style)(text), style, top);
  }

  rule(y = this.y, from = LEFT, to = RIGHT) {
    this.page.drawLine({ start: { x: from, y }, end: { x: to, y }, thickness: 0.5, color: RULE });
  }

  /** Makes room for `height` points, opening a new page when the current one is full. */
  ensure(height: number) {
    if (this.y - height < this.bottom && this.y < TOP - 30) this.add();
  }

  add() {
    this.page = this.pdf.addPage(PAGE);
    this.list.push(this.page);
    this.y = TOP;
    if (this.list.length > 1) {
      this.text(this.continuation, LEFT, { size: 8, color: MUTED });
      this.y -= 20;
      this.onNewPage?.();
    }
  }
}

async function renderSheet(sheet: Sheet): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`${sheet.heading} ${sheet.reference}`);
  pdf.setAuthor(sheet.issuer.name);
  pdf.setLanguage(sheet.locale);
  pdf.setProducer("Recording Studio Manager");
  pdf.setCreator("Recording Studio Manager");
  const fonts = await embedDocumentFonts(pdf);
  const footerStyle: Style = { size: 7.5, color: MUTED };
  const footerLines = sheet.footer ? wrapText(sheet.footer, WIDTH, measureWith(fonts, footerStyle)) : [];
  const bottom = MARGIN + 14 + footerLines.length * 9.5;
  const number = sheet.watermark ? "" : sheet.reference;
  const pages = new Pages(pdf, fonts, bottom, `${sheet.issuer.name} · ${sheet.heading} ${number}`.trim());

  await drawHeader(pages, sheet);
  drawLines(pages, sheet);
  drawTaxSummary(pages, sheet);
  drawTotals(pages, sheet);
  for (const block of sheet.blocks) drawBlock(pages, block.title, block.text);
  if (sheet.signature) drawBlock(pages, sheet.signature.title, sheet.signature.lines.join("\n"));

  const total = pages.list.length;
  pages.list.forEach((page, i) => {
    pages.page = page;
    footerLines.forEach((line, n) =>
      pages.text(line, LEFT, footerStyle, MARGIN + 12 + (footerLines.length - n) * 9.5)
    );
    pages.textRight(sheet.pageLabel(i + 1, total), RIGHT, { size: 8, color: MUTED }, MARGIN + 8);
    if (sheet.watermark) drawWatermark(page, fonts.bold, sheet.watermark);
  });
  return await pdf.save();
}

const measureWith = (fonts: DocumentFonts, style: Style): Measure => {
  const font = style.font === "bold" ? fonts.bold : fonts.regular;
  return (text) => font.widthOfTextAtSize(text, style.size ?? 9);
};

async function drawHeader(pages: Pages, sheet: Sheet) {
  let left = TOP;
  const logo = sheet.issuer.logo && await embedLogo(pages.pdf, sheet.issuer.logo);
  if (logo) {
    const scale = Math.min(1, 150 / logo.width, 60 / logo.height);
    const [width, height] = [logo.width * scale, logo.height * scale];
    pages.page.drawImage(logo, { x: LEFT, y: left - height, width, height });
    left -= height + 10;
  }
  const half = WIDTH / 2 - 10;
  for (const line of wrapText(sheet.issuer.name, half, pages.measure({ font: "bold", size: 13 }))) {
    pages.text(line, LEFT, { font: "bold", size: 13 }, left);
    left -= 17;
  }
  for (const line of [...sheet.issuer.addressLines, ...sheet.issuer.taxIds]) {
    for (const wrapped of wrapText(line, half, pages.measure({ size: 8.5 }))) {
      pages.text(wrapped, LEFT, { size: 8.5 }, left);
      left -= 11;
    }
  }

  let right = TOP;
  pages.textRight(sheet.heading, RIGHT, { font: "bold", size: 18 }, right);
  right -= 28;
  for (const [label, value] of sheet.meta) {
    pages.text(label, RIGHT - 230, { size: 8.5, color: MUTED }, right);
    pages.textRight(value, RIGHT, { font: "bold", size: 8.5 }, right);
    right -= 12;
  }

  pages.y = Math.min(left, right) - 16;
  pages.text(sheet.client.label, LEFT, { size: 8, color: MUTED });
  pages.y -= 12;
  for (const line of wrapText(sheet.client.name, half, pages.measure({ font: "bold", size: 10 }))) {
    pages.text(line, LEFT, { font: "bold", size: 10 });
    pages.y -= 13;
  }
  for (const line of sheet.client.lines.flatMap((l) => wrapText(l, half, pages.measure()))) {
    pages.text(line, LEFT);
    pages.y -= 11.5;
  }
  pages.y -= 10;
  if (sheet.title) {
    for (const line of wrapText(sheet.title, WIDTH, pages.measure({ font: "bold", size: 11 }))) {
      pages.text(line, LEFT, { font: "bold", size: 11 });
      pages.y -= 14;
    }
    pages.y -= 6;
  }
}

async function embedLogo(pdf: PDFDocument, logo: NonNullable<Sheet["issuer"]["logo"]>) {
  try {
    return logo.type === "png" ? await pdf.embedPng(logo.bytes) : await pdf.embedJpg(logo.bytes);
  } catch (error) {
    // A damaged logo must not stop the studio from sending its invoice: it prints without one.
    log.warn("The studio's logo could not be read; the PDF is printed without it.", { error: String(error) });
    return undefined;
  }
}

const TABLE_SIZE = 8.5;
const LINE_HEIGHT = 11;
const DETAIL_STYLE: Style = { size: 7.5, color: MUTED };
const DETAIL_HEIGHT = 9.5;

function drawLines(pages: Pages, sheet: Sheet) {
  const columns = layoutColumns(
    [
      { width: "*", align: "left" },
      { width: 48, align: "right" },
      { width: 66, align: "right" },
      { width: 58, align: "right" },
      { width: 50, align: "right" },
      { width: 72, align: "right" },
    ],
    LEFT,
    WIDTH,
    6,
  );
  const keys = ["description", "quantity", "unitPrice", "discount", "taxes", "amount"] as const;
  const header = () => {
    keys.forEach((key, i) =>
      drawCell(pages, sheet.columns[key], columns[i], { font: "bold", size: 8, color: MUTED })
    );
    pages.y -= 12;
    pages.rule(pages.y + 2);
    pages.y -= 4;
  };
  pages.ensure(60);
  header();
  pages.onNewPage = header;
  const regular = pages.measure({ size: TABLE_SIZE });
  const detail = pages.measure(DETAIL_STYLE);
  const capacity = TOP - 20 - 20 - pages.bottom;
  for (const line of sheet.lines) {
    const description = wrapText(line.description, columns[0].width, regular);
    const details = line.details.flatMap((d) => wrapText(d, columns[0].width, detail));
    const taxes = wrapText(line.taxes, columns[4].width, regular);
    const height = Math.max(
      description.length * LINE_HEIGHT + details.length * DETAIL_HEIGHT,
      taxes.length * LINE_HEIGHT,
    ) + 5;
    pages.ensure(Math.min(height, capacity));
    const top = pages.y;
    keys.slice(1).forEach((key, i) => {
      if (key !== "taxes") drawCell(pages, line[key], columns[i + 1], { size: TABLE_SIZE });
    });
    taxes.forEach((tax, i) => drawCell(pages, tax, columns[4], { size: TABLE_SIZE }, top - i * LINE_HEIGHT));
    for (const text of description) {
      pages.ensure(LINE_HEIGHT);
      pages.text(text, columns[0].x, { size: TABLE_SIZE });
      pages.y -= LINE_HEIGHT;
    }
    for (const text of details) {
      pages.ensure(DETAIL_HEIGHT);
      pages.text(text, columns[0].x, DETAIL_STYLE);
      pages.y -= DETAIL_HEIGHT;
    }
    if (pages.y > top - taxes.length * LINE_HEIGHT) pages.y = top - taxes.length * LINE_HEIGHT;
    pages.y -= 2;
    pages.rule(pages.y);
    pages.y -= 3;
  }
  pages.onNewPage = undefined;
  pages.y -= 8;
}

/** One cell's text in its column, shrunk when an amount is wider than the column. */
function drawCell(pages: Pages, text: string, column: Column, style: Style, top = pages.y) {
  if (text === "") return;
  const base = style.size ?? 9;
  const size = column.align === "right"
    ? fittingSize(text, column.width, base, 5.5, pages.measure(style))
    : base;
  const sized = { ...style, size };
  pages.text(text, textX(column, pages.measure(sized)(text)), sized, top);
}

function drawTaxSummary(pages: Pages, sheet: Sheet) {
  const summary = sheet.taxSummary;
  if (!summary) return;
  const columns = layoutColumns(
    [
      { width: "*", align: "left" },
      { width: 100, align: "right" },
      { width: 100, align: "right" },
      { width: 100, align: "right" },
    ],
    LEFT,
    WIDTH,
    6,
  );
  pages.ensure(14 + 14 + LINE_HEIGHT * Math.min(3, summary.rows.length));
  pages.text(summary.title, LEFT, { font: "bold", size: 9 });
  pages.y -= 14;
  summary.header.forEach((label, i) =>
    drawCell(pages, label, columns[i], { font: "bold", size: 8, color: MUTED })
  );
  pages.y -= 12;
  for (const row of summary.rows) {
    pages.ensure(LINE_HEIGHT);
    row.forEach((cell, i) => drawCell(pages, cell, columns[i], { size: TABLE_SIZE }));
    pages.y -= LINE_HEIGHT;
  }
  pages.y -= 10;
}

function drawTotals(pages: Pages, sheet: Sheet) {
  const left = RIGHT - 270;
  const height = sheet.totals.reduce((sum, row) => sum + (row.strong ? 20 : 13), 0) +
    (sheet.inBaseCurrency ? 12 : 0);
  pages.ensure(height);
  for (const row of sheet.totals) {
    const style: Style = row.strong ? { font: "bold", size: 10 } : { size: 9 };
    if (row.strong) {
      pages.y -= 3;
      pages.rule(pages.y + 1, left, RIGHT);
      pages.y -= 4;
    }
    pages.text(row.label, left, style);
    pages.textRight(row.value, RIGHT, style);
    pages.y -= 13;
  }
  if (sheet.inBaseCurrency) {
    pages.y -= 2;
    for (const line of wrapText(sheet.inBaseCurrency, 270, pages.measure(DETAIL_STYLE))) {
      pages.textRight(line, RIGHT, DETAIL_STYLE);
      pages.y -= DETAIL_HEIGHT;
    }
  }
  pages.y -= 14;
}

function drawBlock(pages: Pages, title: string, text: string) {
  pages.ensure(13 + 12);
  pages.text(title, LEFT, { font: "bold", size: 9 });
  pages.y -= 13;
  for (const line of wrapText(text, WIDTH, pages.measure())) {
    pages.ensure(11.5);
    pages.text(line, LEFT);
    pages.y -= 11.5;
  }
  pages.y -= 10;
}

function drawWatermark(page: PDFPage, font: PDFFont, text: string) {
  const size = 80;
  const width = font.widthOfTextAtSize(text, size);
  const angle = 35;
  const radians = angle * Math.PI / 180;
  const scale = Math.min(1, 600 / width);
  page.drawText(text, {
    x: PAGE[0] / 2 - (width * scale / 2) * Math.cos(radians),
    y: PAGE[1] / 2 - (width * scale / 2) * Math.sin(radians),
    size: size * scale,
    font,
    color: rgb(0.75, 0.75, 0.78),
    opacity: 0.35,
    rotate: degrees(angle),
  });
}

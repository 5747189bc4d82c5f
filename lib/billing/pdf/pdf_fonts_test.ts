import assert from "node:assert/strict";
import { PDFDocument } from "pdf-lib";
import { pdfText } from "../../testing/pdf_text.ts";
import { embedDocumentFonts } from "./pdf_fonts.ts";

async function pdfWith(text: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const fonts = await embedDocumentFonts(pdf);
  const page = pdf.addPage();
  page.drawText(text, { x: 20, y: 700, size: 12, font: fonts.bold });
  page.drawText(text, { x: 20, y: 600, size: 12, font: fonts.regular });
  return await pdf.save();
}

Deno.test("text drawn in either font reads back, whatever earlier PDFs printed", async () => {
  // Ç is drawn from the glyph of C: subsetting the first PDF must not cost the second its C.
  assert.deepEqual((await pdfText(await pdfWith("Çağrı Ñandú"))).pages, [["Çağrı Ñandú", "Çağrı Ñandú"]]);
  assert.deepEqual((await pdfText(await pdfWith("Credit Note ffi"))).pages, [[
    "Credit Note ffi",
    "Credit Note ffi",
  ]]);
});

Deno.test("measuring is per character at the font's advance widths", async () => {
  const pdf = await PDFDocument.create();
  const { regular } = await embedDocumentFonts(pdf);
  const width = (text: string) => regular.widthOfTextAtSize(text, 10);
  assert.ok(Math.abs(width("ab") - (width("a") + width("b"))) < 1e-9);
  assert.ok(width("€ £ ¥") > 0);
});

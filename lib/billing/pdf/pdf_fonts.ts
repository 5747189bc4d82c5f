/**
 * The fonts documents are printed in: DejaVu Sans, regular and bold (fonts/, Bitstream Vera licence
 * in fonts/LICENSE), which cover accented Latin, Greek, Cyrillic and the € £ ¥ signs. Each PDF
 * embeds only the glyphs it uses.
 */
import fontkit from "@pdf-lib/fontkit";
import type { PDFDocument, PDFFont } from "pdf-lib";

export interface DocumentFonts {
  regular: PDFFont;
  bold: PDFFont;
}

const FILES = {
  regular: new URL("./fonts/DejaVuSans.ttf", import.meta.url),
  bold: new URL("./fonts/DejaVuSans-Bold.ttf", import.meta.url),
};

// Read once per process: 1.4 MB that every PDF needs.
let fontBytes: Promise<{ regular: Uint8Array; bold: Uint8Array }> | undefined;

function loadFontBytes() {
  fontBytes ??= Promise.all([Deno.readFile(FILES.regular), Deno.readFile(FILES.bold)])
    .then(([regular, bold]) => ({ regular, bold }));
  return fontBytes;
}

/** Embeds both fonts in `pdf`, subset to the glyphs the document uses. */
export async function embedDocumentFonts(pdf: PDFDocument): Promise<DocumentFonts> {
  pdf.registerFontkit(PARSED_ONCE);
  const bytes = await loadFontBytes();
  const [regular, bold] = await Promise.all([
    pdf.embedFont(bytes.regular, { subset: true }),
    pdf.embedFont(bytes.bold, { subset: true }),
  ]);
  return { regular, bold };
}

interface FontkitGlyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}
interface FontkitFont {
  glyphForCodePoint(codePoint: number): FontkitGlyph;
  layout(text: string): { glyphs: FontkitGlyph[] };
}

// fontkit parses a font's tables lazily and keeps them: parsing DejaVu's metrics again for every PDF
// cost more than drawing a whole invoice. Each PDF still makes its own subset (createSubset), so
// sharing the parsed font across documents shares no document's state.
const parsed = new WeakMap<Uint8Array, FontkitFont>();
const PARSED_ONCE = {
  create(bytes: Uint8Array) {
    let font = parsed.get(bytes);
    if (!font) {
      font = withCharacterMapLayout(fontkit.create(bytes) as unknown as FontkitFont);
      parsed.set(bytes, font);
    }
    return font;
  },
} as unknown as typeof fontkit;

/**
 * pdf-lib lays out every string it draws or measures with fontkit's full OpenType shaper, about
 * 0.15 ms a call: most of a 50-line invoice's time. Invoices are Latin text that needs no shaping,
 * and pdf-lib draws glyphs at their advance widths anyway (no kerning), so mapping each character
 * to its glyph through the font's character map draws and measures the same, ten times faster, and
 * keeps one glyph per character (no "fi" ligature) for copying and searching the text.
 */
function withCharacterMapLayout(font: FontkitFont): FontkitFont {
  const glyphs = new Map<number, FontkitGlyph>();
  font.layout = (text: string) => {
    const laidOut: FontkitGlyph[] = [];
    for (const char of text) {
      const codePoint = char.codePointAt(0)!;
      let glyph = glyphs.get(codePoint);
      if (!glyph) {
        glyph = font.glyphForCodePoint(codePoint);
        // fontkit keeps the first Glyph object it made for an id; one made as a part of an accented
        // letter (C inside Ç) while an earlier PDF was subset knows no character, and the PDF's
        // ToUnicode map, which copying text relies on, would leave it out.
        if (glyph.codePoints.length === 0) glyph.codePoints = [codePoint];
        glyphs.set(codePoint, glyph);
      }
      laidOut.push(glyph);
    }
    return { glyphs: laidOut };
  };
  return font;
}

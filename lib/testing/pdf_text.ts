/**
 * Reads back the text of the PDFs we write (lib/billing/pdf), for tests: each page's text as lines,
 * top to bottom, the runs on one line joined by a space. Our PDFs draw every string with one `Tj` at
 * a `Tm` position in a subset font whose ToUnicode map pdf-lib writes, so that is all this reads;
 * it is not a general PDF text extractor.
 */
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRawStream,
  type PDFRef,
  PDFStream,
} from "pdf-lib";

export interface PdfText {
  /** Each page's lines, top to bottom. */
  pages: string[][];
  /** Every page's lines, one string, pages separated by a blank line. */
  text: string;
}

export async function pdfText(bytes: Uint8Array): Promise<PdfText> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const pages = pdf.getPages().map((page) => {
    const fonts = new Map<string, Map<number, string>>();
    const fontDict = page.node.Resources()?.lookupMaybe(PDFName.of("Font"), PDFDict);
    for (const [name, ref] of fontDict?.entries() ?? []) {
      const font = pdf.context.lookup(ref, PDFDict);
      const toUnicode = font.lookupMaybe(PDFName.of("ToUnicode"), PDFStream);
      fonts.set(name.decodeText(), toUnicode ? readToUnicode(streamText(toUnicode)) : new Map());
    }
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray
      ? contents.asArray().map((ref) => pdf.context.lookup(ref as PDFRef, PDFStream))
      : contents
      ? [contents]
      : [];
    return linesOf(streams.map(streamText).join("\n"), fonts);
  });
  return { pages, text: pages.map((lines) => lines.join("\n")).join("\n\n") };
}

function streamText(stream: PDFStream): string {
  const bytes = stream instanceof PDFRawStream ? decodePDFRawStream(stream).decode() : stream.getContents();
  return new TextDecoder("latin1").decode(bytes);
}

/** The glyph id → text map of a ToUnicode CMap (bfchar and bfrange entries). */
function readToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const utf16 = (hex: string) =>
    String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((unit) => parseInt(unit, 16)));
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, glyph, text] of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
      map.set(parseInt(glyph, 16), utf16(text));
    }
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, from, to, start] of block[1].matchAll(/<(\w+)>\s*<(\w+)>\s*<(\w+)>/g)) {
      for (let glyph = parseInt(from, 16), unit = parseInt(start, 16); glyph <= parseInt(to, 16); glyph++) {
        map.set(glyph, String.fromCharCode(unit++));
      }
    }
  }
  return map;
}

interface Run {
  x: number;
  y: number;
  text: string;
}

/** Runs of text placed by `Tm`/`Td` and drawn by `Tj`/`TJ`, grouped into lines by their baseline. */
function linesOf(content: string, fonts: Map<string, Map<number, string>>): string[] {
  const runs: Run[] = [];
  const operands: string[] = [];
  let font = new Map<number, string>();
  let x = 0, y = 0;
  const decode = (hex: string) =>
    (hex.match(/.{1,4}/g) ?? []).map((g) => font.get(parseInt(g, 16)) ?? "\ufffd").join("");
  for (const [token] of content.matchAll(/<[0-9a-fA-F\s]*>|\[[^\]]*\]|\/[^\s/<>[\]()]+|[^\s/<>[\]()]+/g)) {
    if (/^[A-Za-z'"*]+$/.test(token) && !/^(true|false|null)$/.test(token)) {
      const args = operands.splice(0);
      if (token === "Tf") font = fonts.get(args[0].slice(1)) ?? new Map();
      else if (token === "Tm") [x, y] = [Number(args[4]), Number(args[5])];
      else if (token === "Td") [x, y] = [x + Number(args[0]), y + Number(args[1])];
      else if (token === "Tj") runs.push({ x, y, text: decode(args[0].slice(1, -1).replace(/\s/g, "")) });
      else if (token === "TJ") {
        const hexes = [...args[0].matchAll(/<([0-9a-fA-F\s]*)>/g)].map((m) =>
          decode(m[1].replace(/\s/g, ""))
        );
        runs.push({ x, y, text: hexes.join("") });
      }
    } else {
      operands.push(token);
    }
  }
  runs.sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: { y: number; runs: Run[] }[] = [];
  for (const run of runs) {
    const line = lines.at(-1);
    if (line && Math.abs(line.y - run.y) < 2) line.runs.push(run);
    else lines.push({ y: run.y, runs: [run] });
  }
  return lines.map((line) => line.runs.sort((a, b) => a.x - b.x).map((r) => r.text).join(" "));
}

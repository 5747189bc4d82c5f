/**
 * Text layout for document PDFs, independent of pdf-lib: breaking text into lines that fit a width,
 * and placing table columns. `measure` returns a string's width in points at the size in use.
 */

/** A string's width in points. */
export type Measure = (text: string) => number;

/**
 * Breaks `text` into lines no wider than `width`: at its own line breaks, then between words (at
 * ordinary spaces only, so "12 h" written with a no-break space stays whole), and inside a word only
 * when the word alone is wider than a line. Blank lines of the text are kept; no line ends with spaces.
 *
 * @example wrapText("Mixing and mastering", 60, measure) // ["Mixing and", "mastering"]
 */
export function wrapText(text: string, width: number, measure: Measure): string[] {
  const lines: string[] = [];
  for (const paragraph of text.replace(/\r\n?/g, "\n").split("\n")) {
    let line = "";
    for (const word of paragraph.split(" ").filter((w) => w !== "")) {
      const candidate = line === "" ? word : `${line} ${word}`;
      if (measure(candidate) <= width) {
        line = candidate;
        continue;
      }
      if (line !== "") lines.push(line);
      line = "";
      for (const piece of breakWord(word, width, measure)) {
        if (line !== "") lines.push(line);
        line = piece;
      }
    }
    lines.push(line);
  }
  return lines;
}

/** Cuts a word wider than `width` into pieces that fit (at least one character each). */
function breakWord(word: string, width: number, measure: Measure): string[] {
  if (measure(word) <= width) return [word];
  const pieces: string[] = [];
  let piece = "";
  for (const char of word) {
    if (piece !== "" && measure(piece + char) > width) {
      pieces.push(piece);
      piece = "";
    }
    piece += char;
  }
  if (piece !== "") pieces.push(piece);
  return pieces;
}

/** A table column: where it starts, how wide it is, and which side its text sticks to. */
export interface Column {
  x: number;
  width: number;
  align: "left" | "right";
}

/**
 * Places columns of the given widths side by side from `left`, `gap` points apart; the column marked
 * `"*"` takes whatever width the others leave of `total`.
 */
export function layoutColumns(
  specs: readonly { width: number | "*"; align: "left" | "right" }[],
  left: number,
  total: number,
  gap: number,
): Column[] {
  const fixed = specs.reduce((sum, s) => sum + (s.width === "*" ? 0 : s.width), 0);
  const flexible = total - fixed - gap * (specs.length - 1);
  if (flexible <= 0 && specs.some((s) => s.width === "*")) {
    throw new RangeError(`The fixed columns (${fixed} pt) leave no room in ${total} pt.`);
  }
  let x = left;
  return specs.map((spec) => {
    const width = spec.width === "*" ? flexible : spec.width;
    const column = { x, width, align: spec.align };
    x += width + gap;
    return column;
  });
}

/** Where text of width `textWidth` starts inside `column`. */
export function textX(column: Column, textWidth: number): number {
  return column.align === "right" ? column.x + column.width - textWidth : column.x;
}

/**
 * The font size at which `text` fits `width`, from `size` down to `min` (amounts in a narrow column
 * shrink rather than overflow into the next one).
 */
export function fittingSize(
  text: string,
  width: number,
  size: number,
  min: number,
  measure: Measure,
): number {
  const natural = measure(text);
  if (natural <= width) return size;
  return Math.max(min, Math.floor((size * width / natural) * 10) / 10);
}

/**
 * A CSV reader for files people export from spreadsheets (RFC 4180, and what Excel and LibreOffice
 * actually write): quoted fields with `""` for a quote and line breaks inside, CRLF, LF or CR line
 * ends, a UTF-8 byte order mark, and comma, semicolon or tab as the separator (Excel in France and
 * Germany writes semicolons).
 */

export type CsvDelimiter = "," | ";" | "\t";

/** One record: its cells, and the line of the file it starts on (1-based; a quoted cell may span lines). */
export interface CsvRecord {
  cells: string[];
  line: number;
}

export type CsvSyntaxProblem = "unclosed_quote" | "after_quote";

/** The file is not CSV a spreadsheet could have written; `line` is where the trouble starts. */
export class CsvSyntaxError extends Error {
  constructor(readonly problem: CsvSyntaxProblem, readonly line: number) {
    super(
      problem === "unclosed_quote"
        ? `A quoted value that starts on line ${line} is never closed.`
        : `Line ${line} has text right after a closing quote.`,
    );
    this.name = "CsvSyntaxError";
  }
}

const BOM = "\uFEFF";

/**
 * The separator of the header line: whichever of comma, semicolon and tab occurs most outside
 * quotes (comma on a tie, as RFC 4180 has it).
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (const char of text.startsWith(BOM) ? text.slice(1) : text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && char in counts) counts[char as CsvDelimiter]++;
  }
  if (counts[";"] > counts[","] && counts[";"] >= counts["\t"]) return ";";
  if (counts["\t"] > counts[","] && counts["\t"] > counts[";"]) return "\t";
  return ",";
}

/**
 * The records of `text`, blank lines left out. A quote opens a quoted cell only as the cell's first
 * character; elsewhere it is kept as written (`12" vinyl`). After a closing quote only spaces may
 * come before the separator or the line end. Throws CsvSyntaxError otherwise.
 *
 * ```ts
 * parseCsv('name,email\r\n"Blue, Note",hi@example.com\r\n') // [{cells:["name","email"],line:1}, …]
 * ```
 */
export function parseCsv(text: string, delimiter: CsvDelimiter = detectDelimiter(text)): CsvRecord[] {
  const source = text.startsWith(BOM) ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = "";
  /** Whether the current cell has begun: a character or an opening quote was read. */
  let started = false;
  let line = 1;
  let recordLine = 1;
  let i = 0;

  const endCell = () => {
    cells.push(cell);
    cell = "";
    started = false;
  };
  const endRecord = () => {
    endCell();
    // A blank line is one empty cell: nothing to import, and spreadsheets leave them at the end.
    if (!(cells.length === 1 && cells[0] === "")) records.push({ cells, line: recordLine });
    cells = [];
  };
  /** Consumes the line break at `i`: CRLF, LF or CR. */
  const lineBreak = () => {
    i += source[i] === "\r" && source[i + 1] === "\n" ? 2 : 1;
    line++;
  };

  while (i < source.length) {
    const char = source[i];
    if (char === '"' && !started) {
      started = true;
      const openedOn = line;
      i++;
      for (;;) {
        if (i >= source.length) throw new CsvSyntaxError("unclosed_quote", openedOn);
        if (source[i] === '"') {
          if (source[i + 1] !== '"') break;
          cell += '"';
          i += 2;
        } else if (source[i] === "\r" || source[i] === "\n") {
          // Inside quotes a line break is part of the value, kept as the file wrote it.
          const from = i;
          lineBreak();
          cell += source.slice(from, i);
        } else {
          cell += source[i++];
        }
      }
      i++;
      while (source[i] === " ") i++;
      const next = source[i];
      if (next !== undefined && next !== delimiter && next !== "\r" && next !== "\n") {
        throw new CsvSyntaxError("after_quote", line);
      }
    } else if (char === delimiter) {
      endCell();
      i++;
    } else if (char === "\r" || char === "\n") {
      lineBreak();
      endRecord();
      recordLine = line;
    } else {
      cell += char;
      started = true;
      i++;
    }
  }
  if (started || cells.length > 0) endRecord();
  return records;
}

/**
 * Text from an uploaded file's bytes: UTF-8 (with or without a byte order mark), UTF-16 when it has a
 * UTF-16 mark (Excel's "Unicode text"), else Windows-1252, which older Excel writes for "CSV".
 * Returns null for what is not text at all (a zip-based .xlsx, a NUL byte).
 */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: string } | null {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return null;
  let decoded: { text: string; encoding: string };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    decoded = { text: new TextDecoder("utf-16le").decode(bytes), encoding: "utf-16le" };
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    decoded = { text: new TextDecoder("utf-16be").decode(bytes), encoding: "utf-16be" };
  } else {
    try {
      decoded = { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
    } catch {
      decoded = { text: new TextDecoder("windows-1252").decode(bytes), encoding: "windows-1252" };
    }
  }
  return decoded.text.includes("\0") ? null : decoded;
}

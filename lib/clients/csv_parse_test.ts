import assert from "node:assert/strict";
import fc from "fast-check";
import { CsvSyntaxError, decodeCsvBytes, detectDelimiter, parseCsv } from "./csv_parse.ts";

const cellsOf = (text: string) => parseCsv(text).map((r) => r.cells);

Deno.test("quoted cells keep separators, doubled quotes and line breaks", () => {
  assert.deepEqual(cellsOf('name,notes\r\n"Blue, Note","He said ""hi""\r\nthen left"\r\n'), [
    ["name", "notes"],
    ["Blue, Note", 'He said "hi"\r\nthen left'],
  ]);
});

Deno.test("CRLF, LF and CR all end a record; the last line needs no line end", () => {
  assert.deepEqual(cellsOf("a,b\r\n1,2\n3,4\r5,6"), [["a", "b"], ["1", "2"], ["3", "4"], ["5", "6"]]);
});

Deno.test("a byte order mark is dropped and blank lines are skipped", () => {
  assert.deepEqual(cellsOf("\uFEFFname\r\n\r\nAna\r\n\r\n"), [["name"], ["Ana"]]);
});

Deno.test("empty cells, quoted or not, are kept in place", () => {
  assert.deepEqual(cellsOf('a,b,c\n,"",\n"",x,'), [["a", "b", "c"], ["", "", ""], ["", "x", ""]]);
});

Deno.test("each record knows the line it starts on, multi-line cells included", () => {
  const records = parseCsv('h\n"one\ntwo"\n\nthree\n');
  assert.deepEqual(records.map((r) => r.line), [1, 2, 5]);
});

Deno.test("a quote inside an unquoted cell is text; spaces after a closing quote are allowed", () => {
  assert.deepEqual(cellsOf('size,name\n12" vinyl,"Ana" \n'), [["size", "name"], ['12" vinyl', "Ana"]]);
});

Deno.test("an unclosed quote and text after a closing quote are errors with their line", () => {
  assert.throws(() => parseCsv('a\n"never closed\nstill'), (err) => {
    assert.ok(err instanceof CsvSyntaxError);
    assert.deepEqual([err.problem, err.line], ["unclosed_quote", 2]);
    return true;
  });
  assert.throws(() => parseCsv('a,b\nx,"y"z\n'), (err) => {
    assert.ok(err instanceof CsvSyntaxError);
    assert.deepEqual([err.problem, err.line], ["after_quote", 2]);
    return true;
  });
});

Deno.test("the separator is the one the header uses most: comma, semicolon or tab", () => {
  assert.equal(detectDelimiter("name;email;phone\r\nAna, Ben;a@x.example;1"), ";");
  assert.equal(detectDelimiter("name\temail\n"), "\t");
  assert.equal(detectDelimiter('"a;b;c",d\n'), ",", "separators inside quotes do not count");
  assert.equal(detectDelimiter("name\n"), ",");
  assert.deepEqual(cellsOf("nom;e-mail\r\nDupont, Jean;jean@x.example"), [
    ["nom", "e-mail"],
    ["Dupont, Jean", "jean@x.example"],
  ]);
});

/** RFC 4180 quoting, as a spreadsheet writes it. */
const quote = (cell: string) =>
  /[",\r\n]/.test(cell) || cell.startsWith(" ") ? `"${cell.replaceAll('"', '""')}"` : cell;

Deno.test("whatever the cells hold, writing them as RFC 4180 and parsing gives them back", () => {
  const cell = fc.string({ unit: fc.constantFrom("a", "é", " ", ",", '"', "\r\n", "\n", ";", "x", "🎵") });
  // A record of one empty cell is a blank line, which the parser skips by design.
  const record = fc.array(cell, { minLength: 1, maxLength: 5 }).filter((r) =>
    !(r.length === 1 && r[0] === "")
  );
  fc.assert(fc.property(fc.array(record, { minLength: 1, maxLength: 6 }), (records) => {
    const text = records.map((r) => r.map(quote).join(",")).join("\r\n") + "\r\n";
    assert.deepEqual(parseCsv(text, ",").map((r) => r.cells), records);
  }));
});

Deno.test("uploaded bytes are read as UTF-8, UTF-16 with its mark, or Windows-1252; binaries are refused", () => {
  const utf8 = new TextEncoder().encode("name\nÉlodie");
  assert.deepEqual(decodeCsvBytes(utf8), { text: "name\nÉlodie", encoding: "utf-8" });
  const latin = new Uint8Array([0x6e, 0x0a, 0xc9, 0x6c, 0x6f, 0x64, 0x69, 0x65, 0x20, 0x80]);
  assert.deepEqual(decodeCsvBytes(latin), { text: "n\nÉlodie €", encoding: "windows-1252" });
  const utf16 = new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x09, 0x00, 0xe9, 0x00]);
  assert.deepEqual(decodeCsvBytes(utf16), { text: "A\té", encoding: "utf-16le" });
  assert.equal(decodeCsvBytes(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14])), null, "an .xlsx");
  assert.equal(decodeCsvBytes(new Uint8Array([0x61, 0x00, 0x62])), null);
});

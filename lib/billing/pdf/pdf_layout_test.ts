import assert from "node:assert/strict";
import { fittingSize, layoutColumns, textX, wrapText } from "./pdf_layout.ts";

// Every character is 5 points wide: widths are easy to count.
const measure = (text: string) => [...text].length * 5;

Deno.test("text wraps between words to fit the width", () => {
  assert.deepEqual(wrapText("Mixing and mastering", 60, measure), ["Mixing and", "mastering"]);
  assert.deepEqual(wrapText("Mix", 60, measure), ["Mix"]);
});

Deno.test("the text's own line breaks and blank lines are kept", () => {
  assert.deepEqual(wrapText("Day 1\r\n\nDay 2", 100, measure), ["Day 1", "", "Day 2"]);
});

Deno.test("a word wider than a line is cut, and no line ends with a space", () => {
  assert.deepEqual(wrapText("IBAN FR7630006000011234567890189 now", 50, measure), [
    "IBAN",
    "FR76300060",
    "0001123456",
    "7890189",
    "now",
  ]);
  assert.deepEqual(wrapText("  spaced   out  ", 100, measure), ["spaced out"]);
});

Deno.test("no-break spaces hold amounts together", () => {
  assert.deepEqual(wrapText("Total 1\u202f190,00\u00a0€", 55, measure), ["Total", "1\u202f190,00\u00a0€"]);
});

Deno.test("accented characters count as one character each", () => {
  assert.deepEqual(wrapText("Café Études Ñandú", 50, measure), ["Café", "Études", "Ñandú"]);
});

Deno.test("the flexible column takes the width the others leave", () => {
  const columns = layoutColumns(
    [{ width: "*", align: "left" }, { width: 50, align: "right" }, { width: 70, align: "right" }],
    40,
    500,
    10,
  );
  assert.deepEqual(columns, [
    { x: 40, width: 360, align: "left" },
    { x: 410, width: 50, align: "right" },
    { x: 470, width: 70, align: "right" },
  ]);
  assert.equal(columns.at(-1)!.x + columns.at(-1)!.width, 540);
  assert.equal(textX(columns[2], 30), 510);
  assert.equal(textX(columns[0], 30), 40);
  assert.throws(() =>
    layoutColumns([{ width: "*", align: "left" }, { width: 500, align: "left" }], 0, 400, 0)
  );
});

Deno.test("an amount too wide for its column shrinks to fit, down to a minimum", () => {
  assert.equal(fittingSize("12345", 100, 9, 6, measure), 9);
  assert.equal(fittingSize("1234567890", 40, 9, 6, measure), 7.2);
  assert.equal(fittingSize("1234567890", 20, 9, 6, measure), 6);
  assert.equal(fittingSize("1234567890", 45, 10, 2, (t) => t.length * 5), 9);
});

import assert from "node:assert/strict";
import { ValidationError } from "../errors.ts";
import { parseDecimal, ratio } from "./currency_decimal.ts";
import { includedTaxShares, parseTaxRate, resolveTaxes, type TaxInput } from "./tax.ts";

const gst: TaxInput = { id: "gst", name: "GST", rate: "5" };
const qst: TaxInput = { id: "qst", name: "QST", rate: "9.975" };
// Quebec 2011: QST 8.5% levied on the price plus GST.
const qst2011: TaxInput = { id: "qst2011", name: "QST", rate: "8.5", compound: true };

function fieldErrors(fn: () => unknown): Record<string, string> {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof ValidationError, `expected a ValidationError, got ${error}`);
    return error.fields;
  }
  throw new assert.AssertionError({ message: "expected a ValidationError" });
}

Deno.test("a rate is kept as its shortest exact text and levies rate/100", () => {
  const { order } = resolveTaxes([{
    taxes: [qst, { id: "vat", name: "VAT", rate: 19 }, { ...gst, rate: "5.00" }],
  }]);
  assert.deepEqual(order.map((t) => t.rate), ["9.975", "19", "5"]);
  assert.deepEqual(order[0].fraction, ratio(9975n, 100000n));
  assert.deepEqual(parseTaxRate("0"), ratio(0n));
  assert.deepEqual(parseTaxRate("100"), ratio(1n));
});

Deno.test("a rate outside 0–100 or with more than 4 decimals is refused on its field", () => {
  for (const rate of ["-1", "100.01", "abc", "9.97501", "", "1e2"]) {
    const errors = fieldErrors(() => resolveTaxes([{ taxes: [] }, { taxes: [{ ...gst, rate }] }]));
    assert.match(errors["lines.1.taxes.0.rate"], /percentage from 0 to 100/, rate);
  }
});

Deno.test("a tax needs an id and a name", () => {
  assert.ok(fieldErrors(() => resolveTaxes([{ taxes: [{ ...gst, id: " " }] }]))["lines.0.taxes.0.id"]);
  assert.ok(fieldErrors(() => resolveTaxes([{ taxes: [{ ...gst, name: "" }] }]))["lines.0.taxes.0.name"]);
});

Deno.test("one tax id means one rate across the document", () => {
  const errors = fieldErrors(() => resolveTaxes([{ taxes: [gst] }, { taxes: [{ ...gst, rate: "7" }] }]));
  assert.equal(
    errors["lines.1.taxes.0"],
    'The tax "gst" is "GST" at 5% on line 1 but "GST" at 7% here; one tax id has one name, rate and kind.',
  );
  assert.ok(fieldErrors(() => resolveTaxes([{ taxes: [gst, gst] }]))["lines.0.taxes.1"]);
});

Deno.test("a compound tax is computed after the taxes it is levied on, whatever line names it first", () => {
  const { order, lines } = resolveTaxes([{ taxes: [qst2011] }, { taxes: [gst, qst2011] }, { taxes: [qst] }]);
  assert.deepEqual(order.map((t) => t.id), ["gst", "qst2011", "qst"]);
  assert.equal(lines[1][1], order[1], "lines share the document's tax objects");
});

Deno.test("two lines compounding taxes in opposite orders are refused", () => {
  const a: TaxInput = { id: "a", name: "A", rate: "5", compound: true };
  const b: TaxInput = { id: "b", name: "B", rate: "7", compound: true };
  const errors = fieldErrors(() => resolveTaxes([{ taxes: [a, b] }, { taxes: [b, a] }]));
  assert.equal(
    errors.lines,
    'The compound taxes "A", "B" are applied in opposite orders on different lines.',
  );
});

Deno.test("the share of an inclusive price that is tax: a sixth for 20% VAT", () => {
  const [vat20] = resolveTaxes([{ taxes: [{ id: "vat", name: "TVA", rate: "20" }] }]).order;
  assert.deepEqual(includedTaxShares([vat20]), [ratio(1n, 6n)]);
});

Deno.test("simple taxes share the price by their rates; a compound tax also takes its share of the tax before it", () => {
  const simple = resolveTaxes([{ taxes: [gst, qst] }]).lines[0];
  // 114.975 of every 114.975 is price: 5 of it GST, 9.975 of it QST.
  assert.deepEqual(includedTaxShares(simple), [
    ratio(5000n, 114975n),
    ratio(9975n, 114975n),
  ]);
  const compound = resolveTaxes([{ taxes: [gst, qst2011] }]).lines[0];
  // Net 1 → GST 0.05 → QST 0.085 × 1.05 = 0.08925 → gross 1.13925.
  const gross = parseDecimal("1.13925")!;
  assert.deepEqual(includedTaxShares(compound), [
    ratio(5n * gross.d, 100n * gross.n),
    ratio(8925n * gross.d, 100000n * gross.n),
  ]);
});

import assert from "node:assert/strict";
import { ValidationError } from "../errors.ts";
import { formatQuantity, lineAmount } from "../scheduling/pricing_amount.ts";
import {
  computeTotals,
  type DocumentInput,
  type DocumentTotals,
  type LineInput,
  type TaxInput,
} from "./totals.ts";

const vat19: TaxInput = { id: "de-19", name: "MwSt. 19 %", rate: "19" };
const vat7: TaxInput = { id: "de-7", name: "MwSt. 7 %", rate: "7" };
const tva20: TaxInput = { id: "fr-20", name: "TVA 20 %", rate: "20" };
const gst: TaxInput = { id: "ca-gst", name: "GST", rate: "5" };
const qst: TaxInput = { id: "qc-qst", name: "QST", rate: "9.975" };
// Quebec in 2011: QST 8.5% levied on the price plus GST.
const qst2011: TaxInput = { id: "qc-qst-2011", name: "QST", rate: "8.5", compound: true };
const jct10: TaxInput = { id: "jp-10", name: "消費税 10%", rate: "10" };

const line = (unitPrice: number, taxes: TaxInput[], extra: Partial<LineInput> = {}): LineInput => ({
  quantity: "1",
  unitPrice,
  taxes,
  ...extra,
});
const doc = (lines: LineInput[], extra: Partial<DocumentInput> = {}): DocumentInput => ({
  currency: "EUR",
  roundingMode: "per_line",
  pricesIncludeTax: false,
  lines,
  ...extra,
});
const summary = (totals: ReturnType<typeof computeTotals>) =>
  totals.taxSummary.map(({ id, base, amount }) => ({ id, base, amount }));
/** The named figures of `totals`, to compare several at once. */
const pick = <K extends keyof DocumentTotals>(totals: DocumentTotals, ...keys: K[]) =>
  Object.fromEntries(keys.map((key) => [key, totals[key]]));

function fieldErrors(input: DocumentInput): Record<string, string> {
  try {
    computeTotals(input);
  } catch (error) {
    assert.ok(error instanceof ValidationError, `expected a ValidationError, got ${error}`);
    return error.fields;
  }
  throw new assert.AssertionError({ message: "expected a ValidationError" });
}

Deno.test("1,000.00 + 19% = 1,190.00", () => {
  const totals = computeTotals(doc([line(100000, [vat19])]));
  assert.equal(totals.netTotal, 100000);
  assert.equal(totals.taxTotal, 19000);
  assert.equal(totals.total, 119000);
  assert.equal(totals.amountDue, 119000);
  assert.deepEqual(summary(totals), [{ id: "de-19", base: 100000, amount: 19000 }]);
  assert.deepEqual(totals.lines[0], {
    amount: 100000,
    discount: 0,
    documentDiscount: 0,
    net: 100000,
    taxes: [{ id: "de-19", base: 100000, amount: 19000 }],
    taxTotal: 19000,
    gross: 119000,
  });
});

Deno.test("Quebec: 100.00 + 5% GST + 9.975% QST = 114.98", () => {
  // GST 5.00; QST 100 × 9.975% = 9.975 → 9.98 (half up). Both on the price since 2013.
  const totals = computeTotals(doc([line(10000, [gst, qst])], { currency: "CAD" }));
  assert.deepEqual(summary(totals), [
    { id: "ca-gst", base: 10000, amount: 500 },
    { id: "qc-qst", base: 10000, amount: 998 },
  ]);
  assert.equal(totals.total, 11498);
});

Deno.test("Quebec in 2011: QST compounded on the price plus GST", () => {
  // GST 5.00; QST 8.5% of 105.00 = 8.925 → 8.93; total 113.93.
  const totals = computeTotals(doc([line(10000, [gst, qst2011])], { currency: "CAD" }));
  assert.deepEqual(summary(totals), [
    { id: "ca-gst", base: 10000, amount: 500 },
    { id: "qc-qst-2011", base: 10500, amount: 893 },
  ]);
  assert.equal(totals.total, 11393);
  assert.equal(totals.taxSummary[1].compound, true);
});

Deno.test("a two-line Quebec invoice: per line 580.62, per document 580.61", () => {
  // Studio 3 h × 85.00 = 255.00: GST 12.75, QST 25.43625 → 25.44.
  // Mixing 249.99: GST 12.4995 → 12.50, QST 24.9365025 → 24.94.
  // Per line: GST 25.25, QST 50.38, total 504.99 + 75.63 = 580.62.
  // Per document: GST 504.99 × 5% = 25.2495 → 25.25, QST 504.99 × 9.975% = 50.3727525 → 50.37 → 580.61.
  const lines = [line(8500, [gst, qst], { quantity: "3" }), line(24999, [gst, qst])];
  const perLine = computeTotals(doc(lines, { currency: "CAD", roundingMode: "per_line" }));
  const perDocument = computeTotals(doc(lines, { currency: "CAD", roundingMode: "per_document" }));
  assert.deepEqual(summary(perLine), [
    { id: "ca-gst", base: 50499, amount: 2525 },
    { id: "qc-qst", base: 50499, amount: 5038 },
  ]);
  assert.equal(perLine.total, 58062);
  assert.deepEqual(summary(perDocument), [
    { id: "ca-gst", base: 50499, amount: 2525 },
    { id: "qc-qst", base: 50499, amount: 5037 },
  ]);
  assert.equal(perDocument.total, 58061);
  // The document's 50.37 goes back to the lines by largest remainder: floors 25.43 + 24.93, and the
  // spare cent to the mixing line (0.65025 of a cent beats 0.625).
  assert.deepEqual(perDocument.lines.map((l) => l.taxes[1].amount), [2543, 2494]);
});

Deno.test("rounding per line and per document differ by a cent, and each mode gives its own", () => {
  // Three lines of 0.25 at 19%: 0.0475 each. Per line 0.05 × 3 = 0.15; per document 0.1425 → 0.14.
  const lines = [line(25, [vat19]), line(25, [vat19]), line(25, [vat19])];
  assert.equal(computeTotals(doc(lines, { roundingMode: "per_line" })).taxTotal, 15);
  assert.equal(computeTotals(doc(lines, { roundingMode: "per_document" })).taxTotal, 14);
});

Deno.test("an inclusive-VAT price list: three items at 9.99 with 20% included", () => {
  // 9.99 is 8.325 net + 1.665 VAT (a sixth). Per line: VAT 1.67 each, net 8.32 each: 24.96 + 5.01.
  // Per document: 29.97 / 6 = 4.995 → 5.00, net 24.97; the cents go back 1.67, 1.67, 1.66.
  const lines = [line(999, [tva20]), line(999, [tva20]), line(999, [tva20])];
  const perLine = computeTotals(doc(lines, { pricesIncludeTax: true }));
  assert.deepEqual(pick(perLine, "subtotal", "netTotal", "taxTotal", "total"), {
    subtotal: 2997,
    netTotal: 2496,
    taxTotal: 501,
    total: 2997,
  });
  for (const l of perLine.lines) assert.deepEqual([l.net, l.taxTotal, l.gross], [832, 167, 999]);
  const perDocument = computeTotals(doc(lines, { pricesIncludeTax: true, roundingMode: "per_document" }));
  assert.deepEqual(pick(perDocument, "netTotal", "taxTotal", "total"), {
    netTotal: 2497,
    taxTotal: 500,
    total: 2997,
  });
  assert.deepEqual(perDocument.lines.map((l) => l.net), [832, 832, 833]);
  assert.deepEqual(summary(perDocument), [{ id: "fr-20", base: 2497, amount: 500 }]);
});

Deno.test("per line, each tax included in a price is rounded on its own", () => {
  // 1.10 including GST and QST: GST 1.10 × 5/114.975 = 0.0478 → 0.05, QST 1.10 × 9.975/114.975 =
  // 0.0954 → 0.10, net 0.95. (Rounding the line's 0.1433 of tax once would say 0.14.)
  const totals = computeTotals(doc([line(110, [gst, qst])], { currency: "CAD", pricesIncludeTax: true }));
  assert.deepEqual(totals.lines[0].taxes.map((t) => t.amount), [5, 10]);
  assert.equal(totals.lines[0].net, 95);
});

Deno.test("included taxes never take more than the price, even at absurd rates", () => {
  // Three 100% taxes on 0.02: each is a quarter, 0.005 → 0.01, which would be 0.03 of tax. The line's
  // tax total 0.015 is rounded once to 0.02 and split by largest remainder: 0.01, 0.01, 0.
  const taxes = ["x", "y", "z"].map((id) => ({ id, name: id, rate: "100" }));
  const totals = computeTotals(doc([line(2, taxes)], { pricesIncludeTax: true }));
  assert.deepEqual(totals.lines[0].taxes.map((t) => t.amount), [1, 1, 0]);
  assert.equal(totals.lines[0].net, 0);
});

Deno.test("inclusive prices at 19% and 7% with 10% off the document", () => {
  // Rehearsal 29.75 (25.00 + 19%), a record 21.40 (20.00 + 7%): 51.15. 10% off = 5.115 → 5.12, shared
  // 512 × 2975/5115 = 297.79 → 298 and 512 × 2140/5115 = 214.21 → 214 (floors 297 + 214, the spare
  // cent to .79). Then 26.77 holds 26.77 × 19/119 = 4.2742 → 4.27 VAT and 19.26 holds 19.26 × 7/107 = 1.26.
  const totals = computeTotals(doc([line(2975, [vat19]), line(2140, [vat7])], {
    pricesIncludeTax: true,
    documentDiscount: { percent: "10" },
  }));
  assert.deepEqual(totals.lines.map((l) => [l.documentDiscount, l.net, l.taxTotal, l.gross]), [
    [298, 2250, 427, 2677],
    [214, 1800, 126, 1926],
  ]);
  assert.deepEqual(summary(totals), [
    { id: "de-19", base: 2250, amount: 427 },
    { id: "de-7", base: 1800, amount: 126 },
  ]);
  assert.deepEqual(pick(totals, "subtotal", "discountTotal", "total"), {
    subtotal: 5115,
    discountTotal: 512,
    total: 4603,
  });
});

Deno.test("a JPY invoice rounds to whole yen, once per rate as Japan's qualified invoices require", () => {
  // 3 h × ¥4,455 = ¥13,365 → 1,336.5; mastering ¥1,115 → 111.5. Per line 1,337 + 112 = 1,449;
  // per document ¥14,480 × 10% = ¥1,448.
  const lines = [line(4455, [jct10], { quantity: 3 }), line(1115, [jct10])];
  const perDocument = computeTotals(doc(lines, { currency: "JPY", roundingMode: "per_document" }));
  assert.deepEqual(summary(perDocument), [{ id: "jp-10", base: 14480, amount: 1448 }]);
  assert.equal(perDocument.total, 15928);
  assert.equal(perDocument.currency, "JPY");
  assert.equal(computeTotals(doc(lines, { currency: "JPY", roundingMode: "per_line" })).total, 15929);
});

Deno.test("a KWD invoice keeps three decimals (fils)", () => {
  // 2.5 h × 12.345 KWD = 30.8625 → 30.863; 10% off = 3.0863 → 3.086; 27.777. Kuwait levies no VAT.
  const totals = computeTotals(doc([line(12345, [], { quantity: "2.5", discount: { percent: 10 } })], {
    currency: "KWD",
  }));
  assert.deepEqual(pick(totals, "subtotal", "discountTotal", "taxTotal", "total"), {
    subtotal: 30863,
    discountTotal: 3086,
    taxTotal: 0,
    total: 27777,
  });
  assert.deepEqual(totals.taxSummary, []);
});

Deno.test("a BHD invoice with Bahrain's 10% VAT", () => {
  // 33.333 BHD × 10% = 3.3333 → 3.333; 36.666.
  const totals = computeTotals(
    doc([line(33333, [{ id: "bh-10", name: "VAT", rate: "10" }])], { currency: "bhd" }),
  );
  assert.deepEqual(pick(totals, "currency", "taxTotal", "total"), {
    currency: "BHD",
    taxTotal: 3333,
    total: 36666,
  });
});

Deno.test("a document discount lowers each rate's base by its share", () => {
  // 100.00 at 19% and 50.00 at 7%, 10% off: 15.00 shared 10.00 / 5.00; VAT 17.10 + 3.15; 135.00 + 20.25.
  const totals = computeTotals(
    doc([line(10000, [vat19]), line(5000, [vat7])], { documentDiscount: { percent: 10 } }),
  );
  assert.deepEqual(summary(totals), [
    { id: "de-19", base: 9000, amount: 1710 },
    { id: "de-7", base: 4500, amount: 315 },
  ]);
  assert.deepEqual(pick(totals, "subtotal", "documentDiscount", "netTotal", "total"), {
    subtotal: 15000,
    documentDiscount: 1500,
    netTotal: 13500,
    total: 15525,
  });
});

Deno.test("a fixed document discount is shared by largest remainder, no cent lost", () => {
  // 1.00 off three lines of 33.33: a third each, 33.33… cents; the first line takes the spare cent.
  const totals = computeTotals(doc([line(3333, []), line(3333, []), line(3333, [])], {
    documentDiscount: { amount: 100 },
  }));
  assert.deepEqual(totals.lines.map((l) => l.documentDiscount), [34, 33, 33]);
  assert.equal(totals.total, 9899);
});

Deno.test("line discounts come off before the document discount", () => {
  // 200.00 − 25% = 150.00 and 50.00 − 5.00 = 45.00; 19.50 off the document is shared 15.00 / 4.50.
  const totals = computeTotals(doc([
    line(20000, [], { discount: { percent: "25" } }),
    line(5000, [], { discount: { amount: 500 } }),
  ], { documentDiscount: { amount: 1950 } }));
  const [first, second] = totals.lines;
  assert.deepEqual([first.discount, first.documentDiscount, first.net], [5000, 1500, 13500]);
  assert.deepEqual([second.discount, second.documentDiscount, second.net], [500, 450, 4050]);
  assert.deepEqual(pick(totals, "lineDiscountTotal", "documentDiscount", "discountTotal"), {
    lineDiscountTotal: 5500,
    documentDiscount: 1950,
    discountTotal: 7450,
  });
});

Deno.test("deposits and payments already made come off the amount due", () => {
  const lines = [line(10000, [vat19]), line(5000, [vat7])];
  const options = { documentDiscount: { percent: 10 } };
  const due = computeTotals(doc(lines, { ...options, depositsPaid: 5000, paymentsMade: 2000 }));
  assert.deepEqual(pick(due, "total", "depositsPaid", "paymentsMade", "amountDue"), {
    total: 15525,
    depositsPaid: 5000,
    paymentsMade: 2000,
    amountDue: 8525,
  });
  const overpaid = computeTotals(doc(lines, { ...options, paymentsMade: 16000 }));
  assert.equal(overpaid.amountDue, -475);
});

Deno.test("the base-currency figures are converted part by part at the document's rate, so they add up", () => {
  // Net 135.00 × 1.0834 = 146.259 → 146.26; VAT 17.10 → 18.52614 → 18.53; 3.15 → 3.41271 → 3.41.
  const totals = computeTotals(doc([line(10000, [vat19]), line(5000, [vat7])], {
    documentDiscount: { percent: 10 },
    exchange: { baseCurrency: "USD", rate: "1.08340" },
  }));
  assert.deepEqual(totals.inBaseCurrency, {
    currency: "USD",
    rate: "1.0834",
    netTotal: 14626,
    taxSummary: [{ id: "de-19", base: 9751, amount: 1853 }, { id: "de-7", base: 4875, amount: 341 }],
    taxTotal: 2194,
    total: 16820,
  });
});

Deno.test("a JPY document reported in EUR", () => {
  // ¥14,480 × 0.0061 = €88.328 → 88.33; ¥1,448 → €8.8328 → 8.83.
  const lines = [line(4455, [jct10], { quantity: 3 }), line(1115, [jct10])];
  const totals = computeTotals(doc(lines, {
    currency: "JPY",
    roundingMode: "per_document",
    exchange: { baseCurrency: "EUR", rate: "0.0061" },
  }));
  assert.deepEqual(
    [totals.inBaseCurrency?.netTotal, totals.inBaseCurrency?.taxTotal, totals.inBaseCurrency?.total],
    [8833, 883, 9716],
  );
});

Deno.test("a document in the base currency has the exchange rate 1", () => {
  const same = computeTotals(
    doc([line(100000, [vat19])], { exchange: { baseCurrency: "EUR", rate: "1.000" } }),
  );
  assert.equal(same.inBaseCurrency?.total, 119000);
  assert.match(
    fieldErrors(doc([line(100, [])], { exchange: { baseCurrency: "EUR", rate: "1.1" } }))["exchange.rate"],
    /rate 1/,
  );
  assert.ok(
    fieldErrors(
      doc([line(100, [])], { exchange: { baseCurrency: "EURO", rate: "1" } }),
    )["exchange.baseCurrency"],
  );
});

Deno.test("a line recomputes exactly the amount booking pricing gave it", () => {
  for (const [thousandths, unitPrice] of [[3500, 4999], [1250, 333], [6000, 12345], [333, 1001], [0, 999]]) {
    const totals = computeTotals(doc([line(unitPrice, [], { quantity: formatQuantity(thousandths) })]));
    assert.equal(
      totals.lines[0].amount,
      lineAmount(thousandths, unitPrice),
      `${thousandths}/1000 × ${unitPrice}`,
    );
  }
});

Deno.test("an empty document totals zero", () => {
  const totals = computeTotals(doc([]));
  assert.deepEqual(pick(totals, "subtotal", "taxTotal", "total", "amountDue"), {
    subtotal: 0,
    taxTotal: 0,
    total: 0,
    amountDue: 0,
  });
  assert.deepEqual(totals.taxSummary, []);
});

Deno.test("a 0% rate still has its row in the tax summary", () => {
  const exempt: TaxInput = { id: "exempt", name: "VAT exempt (art. 132)", rate: "0" };
  const totals = computeTotals(doc([line(5000, [exempt]), line(10000, [vat19])]));
  assert.deepEqual(summary(totals), [
    { id: "exempt", base: 5000, amount: 0 },
    { id: "de-19", base: 10000, amount: 1900 },
  ]);
});

Deno.test("input that breaks a rule is refused on the field that breaks it", () => {
  const cases: [DocumentInput, string, RegExp][] = [
    [doc([line(100, [])], { currency: "EURO" }), "currency", /ISO 4217/],
    [doc([line(100, [])], { roundingMode: "per_item" as "per_line" }), "roundingMode", /per_line/],
    [doc([line(100, [], { quantity: "-1" })]), "lines.0.quantity", /zero or more/],
    [doc([line(100, [], { quantity: "0.1234567" })]), "lines.0.quantity", /6 decimals/],
    [doc([line(100, [], { quantity: "1,5" })]), "lines.0.quantity", /quantity/],
    [doc([line(-100, [])]), "lines.0.unitPrice", /negative/],
    [doc([line(1.5, [])]), "lines.0.unitPrice", /whole minor units/],
    [
      doc([line(100, [], { discount: { amount: 101 } })]),
      "lines.0.discount.amount",
      /larger than the amount/,
    ],
    [doc([line(100, [], { discount: { percent: "101" } })]), "lines.0.discount.percent", /0 to 100/],
    [doc([line(100, [])], { documentDiscount: { amount: 101 } }), "documentDiscount.amount", /larger/],
    [doc([line(100, [])], { documentDiscount: {} as { amount: number } }), "documentDiscount", /percent/],
    [doc([line(100, [])], { depositsPaid: -1 }), "depositsPaid", /negative/],
    [doc([line(100, [vat19]), line(100, [{ ...vat19, rate: "16" }])]), "lines.1.taxes.0", /one tax id/],
    [doc([line(Number.MAX_SAFE_INTEGER, [], { quantity: 2 })]), "lines", /too large/],
  ];
  for (const [input, field, message] of cases) {
    const errors = fieldErrors(input);
    assert.match(errors[field] ?? "", message, `${field}: ${JSON.stringify(errors)}`);
  }
});

Deno.test("a line that is not an object is refused, not crashed on", () => {
  const errors = fieldErrors(doc([null as unknown as LineInput]));
  assert.ok(errors["lines.0.taxes"]);
});

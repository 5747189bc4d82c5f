/**
 * The totals engine on documents studios write: a 20-line invoice (two VAT rates, discounts) in each
 * rounding mode with exclusive and inclusive prices, a 200-line one, and a Quebec invoice with
 * compounding. The baseline adds the same lines up with floats, the naive code the engine replaces.
 * Run with `deno bench bench/totals_bench.ts`.
 */
import { computeTotals, type DocumentInput, type LineInput } from "../lib/billing/totals.ts";

const vat19 = { id: "de-19", name: "MwSt. 19 %", rate: "19" };
const vat7 = { id: "de-7", name: "MwSt. 7 %", rate: "7" };
const lines = (count: number): LineInput[] =>
  Array.from({ length: count }, (_, i) => ({
    quantity: i % 3 === 0 ? "2.5" : String(1 + (i % 4)),
    unitPrice: 4999 + 137 * i,
    discount: i % 5 === 0 ? { percent: "10" } : undefined,
    taxes: [i % 4 === 0 ? vat7 : vat19],
  }));
const invoice = (count: number, extra: Partial<DocumentInput> = {}): DocumentInput => ({
  currency: "EUR",
  roundingMode: "per_line",
  pricesIncludeTax: false,
  lines: lines(count),
  documentDiscount: { amount: 2500 },
  depositsPaid: 30000,
  ...extra,
});

const twenty = invoice(20);
Deno.bench("baseline: add up 20 lines with floats", { baseline: true }, () => {
  let total = 0;
  for (const line of twenty.lines) {
    const amount = Number(line.quantity) * Number(line.unitPrice);
    total += Math.round(amount * (1 + Number(line.taxes[0].rate) / 100));
  }
  if (total <= 0) throw new Error("unreachable");
});

for (const roundingMode of ["per_line", "per_document"] as const) {
  for (const pricesIncludeTax of [false, true]) {
    const doc = invoice(20, { roundingMode, pricesIncludeTax });
    Deno.bench(`20 lines, ${roundingMode}, ${pricesIncludeTax ? "inclusive" : "exclusive"}`, () => {
      computeTotals(doc);
    });
  }
}

const twoHundred = invoice(200, { roundingMode: "per_document" });
Deno.bench("200 lines, per_document, exclusive", () => {
  computeTotals(twoHundred);
});

const quebec = invoice(20, {
  currency: "CAD",
  lines: lines(20).map((line) => ({
    ...line,
    taxes: [{ id: "gst", name: "GST", rate: "5" }, { id: "qst", name: "QST", rate: "9.975", compound: true }],
  })),
  exchange: { baseCurrency: "EUR", rate: "0.6812" },
});
Deno.bench("20 lines, GST + compound QST, converted to EUR", () => {
  computeTotals(quebec);
});

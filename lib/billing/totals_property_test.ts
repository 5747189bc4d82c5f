import assert from "node:assert/strict";
import fc from "fast-check";
import { mul, parseDecimal, ratio, roundHalfAwayFromZero } from "./currency_decimal.ts";
import {
  computeTotals,
  type Discount,
  type DocumentInput,
  type DocumentTotals,
  type LineInput,
  type TaxInput,
} from "./totals.ts";

// Random documents: up to 12 lines in one of five currencies, either rounding mode, inclusive or
// exclusive prices, line and document discounts, and 0–3 taxes per line drawn from a per-document pool
// of up to 4 rates (some compound; lines keep the pool's order, as a studio's tax settings do).
const rate = fc.oneof(
  fc.constantFrom("0", "5", "7", "8.5", "9.975", "10", "13", "19", "20", "21", "25"),
  fc.integer({ min: 0, max: 300_000 }).map((thousandths) => String(thousandths / 10_000)),
);
const taxPool = fc.uniqueArray(
  fc.record({ id: fc.constantFrom("a", "b", "c", "d", "e", "f"), rate, compound: fc.boolean() }),
  { selector: (t) => t.id, minLength: 0, maxLength: 4 },
).map((pool) => pool.map((t): TaxInput => ({ ...t, name: t.id.toUpperCase() })));
const quantity = fc.oneof(
  fc.integer({ min: 0, max: 50 }).map(String),
  fc.tuple(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 6 }))
    .map(([units, places]) => String(units / 10 ** places)),
);
const unitPrice = fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 10_000_000 }));
// An amount discount is drawn as a fraction of what it may take, then scaled once the cap is known.
const discount = fc.option(
  fc.oneof(
    fc.integer({ min: 0, max: 10_000 }).map((hundredths): Discount => ({
      percent: String(hundredths / 100),
    })),
    fc.double({ min: 0, max: 1, noNaN: true }).map((share) => ({ share })),
  ),
  { nil: undefined },
);

const documents = taxPool.chain((pool) =>
  fc.record({
    currency: fc.constantFrom("EUR", "JPY", "KWD", "USD", "CLF"),
    roundingMode: fc.constantFrom("per_line" as const, "per_document" as const),
    pricesIncludeTax: fc.boolean(),
    lines: fc.array(
      fc.record({
        quantity,
        unitPrice,
        discount,
        taxes: fc.subarray(pool, { maxLength: Math.min(3, pool.length) }),
      }),
      { maxLength: 12 },
    ),
    documentDiscount: discount,
    depositsPaid: fc.integer({ min: 0, max: 1_000_000 }),
    paymentsMade: fc.integer({ min: 0, max: 1_000_000 }),
  })
);

type Drawn = { share: number } | Discount | undefined;
type DrawnDocument = typeof documents extends fc.Arbitrary<infer T> ? T : never;

// Turns drawn shares into amounts no larger than what they come off.
function build(drawn: DrawnDocument): DocumentInput {
  const scale = (value: Drawn, cap: number): Discount | undefined =>
    value && "share" in value ? { amount: Math.floor(cap * value.share) } : value;
  const lines: LineInput[] = drawn.lines.map((line) => {
    const amount = Number(
      roundHalfAwayFromZero(mul(parseDecimal(line.quantity)!, ratio(BigInt(line.unitPrice)))),
    );
    return { ...line, discount: scale(line.discount as Drawn, amount) };
  });
  const input: DocumentInput = { ...drawn, lines, documentDiscount: undefined };
  const undiscounted = computeTotals(input);
  return {
    ...input,
    documentDiscount: scale(
      drawn.documentDiscount as Drawn,
      undiscounted.subtotal - undiscounted.lineDiscountTotal,
    ),
  };
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

function assertWholeNumbers(value: unknown, path = "totals"): void {
  if (typeof value === "number") assert.ok(Number.isSafeInteger(value), `${path} = ${value}`);
  else if (Array.isArray(value)) value.forEach((item, i) => assertWholeNumbers(item, `${path}[${i}]`));
  else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) assertWholeNumbers(item, `${path}.${key}`);
  }
}

function assertInvariants(input: DocumentInput, totals: DocumentTotals): void {
  assertWholeNumbers(totals);
  assert.equal(sum(totals.lines.map((l) => l.gross)), totals.total, "Σ line grosses = total");
  assert.equal(totals.netTotal + totals.taxTotal, totals.total, "net + tax = total");
  assert.equal(sum(totals.taxSummary.map((t) => t.amount)), totals.taxTotal, "Σ tax summary = tax total");
  assert.equal(totals.lineDiscountTotal + totals.documentDiscount, totals.discountTotal);
  assert.equal(
    sum(totals.lines.map((l) => l.documentDiscount)),
    totals.documentDiscount,
    "discount fully shared",
  );
  if (input.pricesIncludeTax) {
    assert.equal(
      totals.total,
      totals.subtotal - totals.discountTotal,
      "inclusive: total = subtotal − discounts",
    );
  } else {
    assert.equal(
      totals.total,
      totals.subtotal - totals.discountTotal + totals.taxTotal,
      "exclusive: total = subtotal − discounts + tax",
    );
  }
  assert.equal(totals.amountDue, totals.total - totals.depositsPaid - totals.paymentsMade);

  totals.lines.forEach((line, i) => {
    const after = line.amount - line.discount - line.documentDiscount;
    assert.ok(line.discount >= 0 && line.documentDiscount >= 0 && after >= 0, `line ${i} discounts`);
    assert.equal(input.pricesIncludeTax ? line.gross : line.net, after, `line ${i} basis`);
    assert.equal(line.net + line.taxTotal, line.gross, `line ${i} net + tax = gross`);
    assert.equal(sum(line.taxes.map((t) => t.amount)), line.taxTotal, `line ${i} tax total`);
    assert.ok(line.net >= 0 && line.taxes.every((t) => t.amount >= 0), `line ${i} nothing negative`);
    assert.deepEqual(
      line.taxes.map((t) => t.id),
      input.lines[i].taxes.map((t) => t.id),
      `line ${i} tax order`,
    );
  });

  for (const row of totals.taxSummary) {
    const levied = totals.lines.flatMap((l) => l.taxes.filter((t) => t.id === row.id));
    assert.equal(sum(levied.map((t) => t.amount)), row.amount, `${row.id}: Σ line amounts`);
    assert.equal(sum(levied.map((t) => t.base)), row.base, `${row.id}: Σ line bases`);
    const fraction = mul(parseDecimal(row.rate)!, ratio(1n, 100n));
    const roundedOn = (base: number) => Number(roundHalfAwayFromZero(mul(ratio(BigInt(base)), fraction)));
    if (!input.pricesIncludeTax && input.roundingMode === "per_line") {
      for (const t of levied) assert.equal(t.amount, roundedOn(t.base), `${row.id}: rounded on each line`);
    }
    if (!input.pricesIncludeTax && input.roundingMode === "per_document") {
      assert.equal(row.amount, roundedOn(row.base), `${row.id}: rounded once on the document`);
    }
  }
}

Deno.test("every document's totals are whole and add up, whatever the lines, rates, currency and mode", () => {
  fc.assert(
    fc.property(documents, (drawn) => {
      const input = build(drawn);
      assertInvariants(input, computeTotals(input));
    }),
    { numRuns: 1500 },
  );
});

Deno.test("the two rounding modes differ by at most one minor unit per rounding", () => {
  fc.assert(
    fc.property(documents, (drawn) => {
      const input = build(drawn);
      const perLine = computeTotals({ ...input, roundingMode: "per_line" });
      const perDocument = computeTotals({ ...input, roundingMode: "per_document" });
      // Per line rounds once per (line, tax); per document once per tax. Compound taxes can carry one
      // more unit from the tax they are levied on.
      const roundings = sum(input.lines.map((l) => l.taxes.length)) + perLine.taxSummary.length;
      const compounding = 1 + input.lines.reduce((n, l) => Math.max(n, l.taxes.length), 0);
      assert.ok(
        Math.abs(perLine.taxTotal - perDocument.taxTotal) <= roundings * compounding,
        `${perLine.taxTotal} vs ${perDocument.taxTotal}`,
      );
      assert.equal(perLine.subtotal, perDocument.subtotal);
      assert.equal(perLine.discountTotal, perDocument.discountTotal);
      if (input.pricesIncludeTax) assert.equal(perLine.total, perDocument.total, "the prices are the prices");
    }),
    { numRuns: 500 },
  );
});

Deno.test("one line in per-document mode is computed exactly as in per-line mode", () => {
  fc.assert(
    fc.property(documents, (drawn) => {
      const input = build({ ...drawn, lines: drawn.lines.slice(0, 1) });
      const perLine = computeTotals({ ...input, roundingMode: "per_line" });
      const perDocument = computeTotals({ ...input, roundingMode: "per_document" });
      if (!input.pricesIncludeTax) assert.deepEqual(perDocument.lines, perLine.lines);
      else assert.equal(perDocument.total, perLine.total);
    }),
    { numRuns: 300 },
  );
});

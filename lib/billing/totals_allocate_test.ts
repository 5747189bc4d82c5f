import assert from "node:assert/strict";
import fc from "fast-check";
import { floor, type Ratio, ratio } from "./currency_decimal.ts";
import { apportion, roundTable, roundToTotal } from "./totals_allocate.ts";

const ceil = (r: Ratio) => -floor(ratio(-r.n, r.d));
const sumOf = (values: bigint[]) => values.reduce((a, b) => a + b, 0n);

Deno.test("a discount of 1.00 over three equal lines gives the spare cent to the first", () => {
  assert.deepEqual(apportion(100n, [1n, 1n, 1n]), [34n, 33n, 33n]);
});

Deno.test("shares follow the weights, the largest remainder taking the spare unit", () => {
  // 10 × 5/8 = 6.25, 10 × 3/8 = 3.75: floors 6 + 3, the spare unit goes to .75.
  assert.deepEqual(apportion(10n, [5n, 3n]), [6n, 4n]);
  assert.deepEqual(apportion(0n, [0n, 0n]), [0n, 0n]);
  assert.throws(() => apportion(5n, [0n, 0n]), RangeError);
  assert.throws(() => apportion(5n, [1n, -1n]), RangeError);
});

Deno.test("rounding to a total that no floor-or-ceiling choice reaches is refused", () => {
  assert.throws(() => roundToTotal([ratio(1n, 2n), ratio(1n, 2n)], 3n), RangeError);
  assert.throws(() => roundToTotal([ratio(1n, 2n)], -1n), RangeError);
});

Deno.test("apportion: shares add up to the total and each is the floor or ceiling of its part", () => {
  fc.assert(fc.property(
    fc.bigInt({ min: 0n, max: 10n ** 12n }),
    fc.array(fc.bigInt({ min: 0n, max: 10n ** 9n }), { minLength: 1, maxLength: 30 }),
    (total, weights) => {
      fc.pre(weights.some((w) => w > 0n));
      const whole = sumOf(weights);
      const shares = apportion(total, weights);
      assert.equal(sumOf(shares), total);
      shares.forEach((share, i) => {
        const exact = ratio(total * weights[i], whole);
        assert.ok(share === floor(exact) || share === ceil(exact));
      });
    },
  ));
});

Deno.test("two taxes on seven one-cent lines never take more than a line's cent", () => {
  // Each line holds 1/7 of a cent of each tax; each tax totals exactly one cent. Rounding each
  // column alone would give both cents to the first line, leaving it a net of −1.
  const seventh = ratio(1n, 7n);
  const table = roundTable(Array.from({ length: 7 }, () => [seventh, seventh]), [1n, 1n], Array(7).fill(1n));
  assert.deepEqual(table.map((row) => sumOf(row) <= 1n), Array(7).fill(true));
  assert.deepEqual([sumOf(table.map((r) => r[0])), sumOf(table.map((r) => r[1]))], [1n, 1n]);
});

Deno.test("a unit that would overfill a line moves another tax's unit to a line with room", () => {
  // Largest remainder alone gives tax A's cent to line 0 (0.6 > 0.4); tax B can then only go to line 0,
  // which is full, so A's cent moves to line 1.
  const table = roundTable(
    [[ratio(3n, 5n), ratio(1n, 2n)], [ratio(2n, 5n), ratio(0n)]],
    [1n, 1n],
    [1n, 1n],
  );
  assert.deepEqual(table, [[0n, 1n], [1n, 0n]]);
});

// Whether some floor-or-ceiling choice per cell meets the column totals within the row caps (tiny tables).
function placementExists(exact: Ratio[][], totals: bigint[], caps: bigint[]): boolean {
  const cells = exact.flatMap((row, i) => row.map((value, k) => ({ i, k, value })));
  for (let mask = 0; mask < 1 << cells.length; mask++) {
    const table = exact.map((row) => row.map(() => 0n));
    cells.forEach(({ i, k, value }, bit) => table[i][k] = mask & (1 << bit) ? ceil(value) : floor(value));
    const columnsMatch = totals.every((total, k) => sumOf(table.map((row) => row[k])) === total);
    if (columnsMatch && table.every((row, i) => sumOf(row) <= caps[i])) return true;
  }
  return false;
}

Deno.test("roundTable: columns reach their totals with floors or ceilings, within the row caps whenever possible", () => {
  // Small numerators: many whole cells (no choice) next to open ones, where greedy placement gets stuck.
  const cell = fc.tuple(fc.integer({ min: 0, max: 12 }), fc.constantFrom(1, 2, 3, 5, 7));
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 3 }).chain((columns) =>
        fc.array(fc.array(cell, { minLength: columns, maxLength: columns }), { minLength: 1, maxLength: 4 })
      ),
      fc.array(fc.nat(), { minLength: 3, maxLength: 3 }),
      fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 4, maxLength: 4 }),
      (cells, extra, slack) => {
        const exact = cells.map((row) => row.map(([n, d]) => ratio(BigInt(n), BigInt(d))));
        // Any total a column can reach: its floors plus up to one unit per cell that is not whole.
        const totals = exact[0].map((_, k) => {
          const column = exact.map((row) => row[k]);
          const open = column.filter((value) => value.n % value.d !== 0n).length;
          return sumOf(column.map(floor)) + BigInt(extra[k] % (open + 1));
        });
        const caps = exact.map((row, i) => sumOf(row.map(floor)) + BigInt(slack[i]));
        const table = roundTable(exact, totals, caps);
        totals.forEach((total, k) => assert.equal(sumOf(table.map((row) => row[k])), total));
        table.forEach((row, i) =>
          row.forEach((units, k) => assert.ok(units === floor(exact[i][k]) || units === ceil(exact[i][k])))
        );
        if (placementExists(exact, totals, caps)) {
          table.forEach((row, i) => assert.ok(sumOf(row) <= caps[i], `row ${i} over its cap of ${caps[i]}`));
        }
      },
    ),
    { numRuns: 500 },
  );
});

import assert from "node:assert/strict";
import fc from "fast-check";
import {
  coversRange,
  intersectRanges,
  mergeRanges,
  subtractRanges,
  type TimeRange,
  unionOfBounds,
} from "./availability_ranges.ts";

// Small integer ranges, so the properties can compare against a point-by-point model.
const range = fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 15 }))
  .map(([start, length]): TimeRange => ({ start, end: start + length }));
const ranges = fc.array(range, { maxLength: 12 });

function points(list: readonly TimeRange[]): number[] {
  const set = new Set<number>();
  for (const r of list) for (let t = r.start; t < r.end; t++) set.add(t);
  return [...set].sort((a, b) => a - b);
}

function assertNormalized(list: readonly TimeRange[]) {
  list.forEach((r, i) => {
    assert.ok(r.end > r.start);
    if (i) assert.ok(r.start > list[i - 1].end, "sorted, apart, not touching");
  });
}

Deno.test("touching ranges join and contained ones vanish", () => {
  assert.deepEqual(mergeRanges([{ start: 12, end: 18 }, { start: 9, end: 12 }, { start: 10, end: 11 }]), [
    { start: 9, end: 18 },
  ]);
  assert.deepEqual(unionOfBounds(new Float64Array([12, 9, 10]), new Float64Array([18, 12, 11])), [
    { start: 9, end: 18 },
  ]);
});

Deno.test("property: both unions, the difference and the intersection match a point model", () => {
  fc.assert(
    fc.property(ranges, ranges, (a, b) => {
      const union = mergeRanges(a);
      assertNormalized(union);
      assert.deepEqual(points(union), points(a));
      assert.deepEqual(
        unionOfBounds(new Float64Array(a.map((r) => r.start)), new Float64Array(a.map((r) => r.end))),
        union,
      );
      const other = mergeRanges(b);
      const inB = new Set(points(b));
      const difference = subtractRanges(union, other);
      assertNormalized(difference);
      assert.deepEqual(points(difference), points(a).filter((t) => !inB.has(t)));
      const both = intersectRanges(union, other);
      assertNormalized(both);
      assert.deepEqual(points(both), points(a).filter((t) => inB.has(t)));
    }),
    { numRuns: 500 },
  );
});

Deno.test("property: a range is covered exactly when all its points are in one merged range", () => {
  fc.assert(
    fc.property(ranges, range, (list, probe) => {
      const union = mergeRanges(list);
      const inside = new Set(points(union));
      const expected = points([probe]).every((t) => inside.has(t));
      assert.equal(coversRange(union, probe.start, probe.end), expected);
    }),
    { numRuns: 500 },
  );
});

import assert from "node:assert/strict";
import { signal } from "@preact/signals";
import { parsePlainProps } from "./client/plain_props.ts";
import { deserializeProps, needsRevivers, serializeProps } from "./serialize.ts";

const roundTrip = <T>(v: T) => deserializeProps(serializeProps(v)) as T;

Deno.test("dates, maps, sets, bigints and undefined survive the round trip", () => {
  const value = {
    at: new Date("2026-03-29T01:30:00Z"),
    rates: new Map([["EUR", 2], ["JPY", 0]]),
    tags: new Set(["vocal", "mix"]),
    cents: 12345678901234567890n,
    missing: undefined,
    nested: [{ a: 1 }, null, "x"],
  };
  const back = roundTrip(value);
  assert.deepEqual(back, value);
  assert.ok(back.at instanceof Date);
  assert.ok(back.rates instanceof Map);
  assert.ok("missing" in back);
});

Deno.test("a signal given to two islands is one signal after deserialization", () => {
  const count = signal(3);
  const [a, b] = roundTrip([{ count }, { count, other: signal(3) }]);
  assert.equal(a.count, b.count);
  assert.notEqual(a.count, b.other);
  assert.equal(a.count.value, 3);
  b.count.value = 4;
  assert.equal(a.count.value, 4);
});

Deno.test("serialized props can never close the surrounding script element", () => {
  const json = serializeProps({ title: "</script><script>alert(1)</script>" });
  assert.ok(!json.includes("<"));
  assert.equal((deserializeProps(json) as { title: string }).title, "</script><script>alert(1)</script>");
});

Deno.test("functions are refused rather than silently dropped", () => {
  assert.throws(() => serializeProps({ onClick: () => {} }), /function/);
});

Deno.test("plain props are read without devalue: shared references, undefined, NaN, -0 and holes included", () => {
  const shared = { base: "/s/north", text: { saved: "Moved to {time}" } };
  // deno-lint-ignore no-sparse-arrays
  const value = [{ shared, n: -0, nan: NaN, inf: -Infinity, missing: undefined, list: [1, , "x", null] }, {
    shared,
    title: 'quotes " and [brackets]',
  }];
  const json = serializeProps(value);
  assert.equal(needsRevivers(json), false);
  const back = parsePlainProps(json) as typeof value;
  assert.deepEqual(back, deserializeProps(json));
  assert.equal(back[0].shared, back[1].shared, "one object for both, as the server had it");
  assert.ok(Object.is(back[0].n, -0));
  assert.ok("missing" in back[0]);
  assert.ok(!(1 in back[0].list!), "the hole stays a hole");
});

Deno.test("typed values and sparse arrays need the full reader; the plain one refuses them", () => {
  const sparse: unknown[] = [];
  sparse[1000] = 1;
  for (
    const value of [new Date(0), new Set([1]), new Map(), 1n, /x/g, signal(1), sparse, Object.create(null)]
  ) {
    const json = serializeProps([{ value }]);
    assert.equal(needsRevivers(json), true, json);
    assert.throws(() => parsePlainProps(json));
  }
  assert.equal(needsRevivers(serializeProps([{ text: 'a ["quoted"] [-8]' }])), false);
  // A string ending in "[" looks like a typed value: the full reader is loaded, which reads it too.
  assert.equal(needsRevivers(serializeProps([{ text: "ends with [" }])), true);
});

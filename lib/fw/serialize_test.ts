import assert from "node:assert/strict";
import { signal } from "@preact/signals";
import { deserializeProps, serializeProps } from "./serialize.ts";

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

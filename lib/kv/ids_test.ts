import assert from "node:assert/strict";
import { idTime, isId, newId, ulid, ulidGenerator } from "./ids.ts";

const zeros = (bytes: Uint8Array<ArrayBuffer>) => bytes.fill(0);
const maxed = (bytes: Uint8Array<ArrayBuffer>) => bytes.fill(31);

Deno.test("an id is the prefix, an underscore and a 26-character Crockford base32 ULID", () => {
  const id = newId("t");
  assert.match(id, /^t_[0-9A-HJKMNP-TV-Z]{26}$/);
  assert.ok(isId(id, "t"));
  assert.equal(isId(id, "u"), false);
  assert.equal(isId("t_01J", "t"), false);
  assert.equal(isId("t_01JD8X3Z7W5M9Q2R4T6V8X0Y1I", "t"), false, "I is not in the Crockford alphabet");
});

Deno.test("the first ten characters encode the creation time in milliseconds", () => {
  const generate = ulidGenerator(zeros);
  assert.equal(generate(0), "0".repeat(26));
  assert.equal(generate(1_469_918_176_385).slice(0, 10), "01ARYZ6S41"); // the example in the ULID spec
  assert.equal(generate(2 ** 48 - 1).slice(0, 10), "7ZZZZZZZZZ");
  const now = Date.UTC(2025, 0, 2, 3, 4, 5, 678);
  const fresh = ulidGenerator();
  assert.equal(idTime(`t_${fresh(now)}`), now);
  assert.equal(idTime(fresh(now + 1)), now + 1);
  assert.ok(idTime(newId("t")) <= Date.now());
});

Deno.test("ids sort as strings in the order they were made, even within one millisecond", () => {
  const sameMillisecond = Array.from({ length: 1000 }, () => newId("t", 1_700_000_000_000));
  assert.deepEqual([...sameMillisecond].sort(), sameMillisecond);
  assert.equal(new Set(sameMillisecond).size, 1000);

  const later = newId("t", 1_700_000_000_001);
  assert.ok(later > sameMillisecond.at(-1)!);
});

Deno.test("a clock that steps back does not break the order", () => {
  const generate = ulidGenerator();
  const first = generate(5_000);
  const second = generate(4_000);
  assert.ok(second > first);
  assert.equal(idTime(second), 5_000);
});

Deno.test("a new millisecond draws fresh randomness instead of incrementing", () => {
  const generate = ulidGenerator(zeros);
  assert.equal(generate(1).slice(10), "0".repeat(16));
  assert.equal(generate(1).slice(10), "0".repeat(15) + "1");
  assert.equal(generate(2).slice(10), "0".repeat(16));
});

Deno.test("an exhausted random part fails instead of wrapping around", () => {
  const generate = ulidGenerator(maxed);
  assert.equal(generate(7).slice(10), "Z".repeat(16));
  assert.throws(() => generate(7), RangeError);
});

Deno.test("times outside the 48-bit range and malformed prefixes are refused", () => {
  assert.throws(() => ulid(-1), RangeError);
  assert.throws(() => ulid(2 ** 48), RangeError);
  assert.throws(() => ulid(1.5), RangeError);
  assert.throws(() => newId(""), TypeError);
  assert.throws(() => newId("T"), TypeError);
  assert.throws(() => newId("t_x"), TypeError);
  assert.throws(() => idTime("t_nope"), TypeError);
});

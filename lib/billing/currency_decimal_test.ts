import assert from "node:assert/strict";
import {
  add,
  compare,
  decimalPlaces,
  div,
  floor,
  mul,
  parseDecimal,
  ratio,
  roundHalfAwayFromZero,
  toDecimalText,
} from "./currency_decimal.ts";

Deno.test("decimals are read exactly, as text or through a number's shortest text", () => {
  assert.deepEqual(parseDecimal("2.5"), ratio(5n, 2n));
  assert.deepEqual(parseDecimal("9.975"), ratio(399n, 40n));
  assert.deepEqual(parseDecimal("-0.125"), ratio(-1n, 8n));
  assert.deepEqual(parseDecimal(" 19 "), ratio(19n));
  assert.deepEqual(parseDecimal(0.1), ratio(1n, 10n));
  // 0.1 + 0.2 as floats is 0.30000000000000004; exact ratios are not fooled.
  assert.deepEqual(add(parseDecimal(0.1)!, parseDecimal(0.2)!), parseDecimal("0.3"));
});

Deno.test("anything but a plain decimal is refused", () => {
  for (const text of ["", "1e3", "1,5", "+1", ".5", "1.", "0x10", "1 000", "abc"]) {
    assert.equal(parseDecimal(text), undefined, text);
  }
  assert.equal(parseDecimal(Number.NaN), undefined);
  assert.equal(parseDecimal(Number.POSITIVE_INFINITY), undefined);
  assert.equal(parseDecimal(1e-7), undefined, "exponent notation");
});

Deno.test("rounding sends ties away from zero, so negating the input negates the result", () => {
  assert.equal(roundHalfAwayFromZero(ratio(5n, 2n)), 3n);
  assert.equal(roundHalfAwayFromZero(ratio(-5n, 2n)), -3n);
  assert.equal(roundHalfAwayFromZero(parseDecimal("2.4999")!), 2n);
  assert.equal(roundHalfAwayFromZero(parseDecimal("-2.4999")!), -2n);
  assert.equal(roundHalfAwayFromZero(parseDecimal("9.975")!), 10n);
  assert.equal(roundHalfAwayFromZero(ratio(7n)), 7n);
});

Deno.test("floor goes down for negative values too", () => {
  assert.equal(floor(ratio(7n, 2n)), 3n);
  assert.equal(floor(ratio(-7n, 2n)), -4n);
  assert.equal(floor(ratio(-4n)), -4n);
});

Deno.test("ratios stay in lowest terms and compare exactly", () => {
  assert.deepEqual(mul(ratio(2n, 3n), ratio(3n, 4n)), ratio(1n, 2n));
  assert.deepEqual(div(ratio(1n), ratio(-3n)), { n: -1n, d: 3n });
  assert.equal(compare(ratio(1n, 3n), ratio(333n, 1000n)), 1);
  assert.equal(compare(ratio(-1n, 2n), ratio(-2n, 4n)), 0);
  assert.throws(() => ratio(1n, 0n), RangeError);
});

Deno.test("a ratio prints as its shortest decimal, or not at all when it repeats", () => {
  assert.equal(toDecimalText(parseDecimal("9.9750")!), "9.975");
  assert.equal(toDecimalText(ratio(19n)), "19");
  assert.equal(toDecimalText(ratio(-1n, 2n)), "-0.5");
  assert.equal(toDecimalText(ratio(1n, 1024n)), "0.0009765625");
  assert.equal(toDecimalText(ratio(1n, 3n)), undefined);
  assert.equal(decimalPlaces("1.50"), 2);
  assert.equal(decimalPlaces(19), 0);
});

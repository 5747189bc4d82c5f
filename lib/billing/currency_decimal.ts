/**
 * Exact arithmetic for money: decimals typed by people or stored as text ("2.5", "9.975") become
 * ratios of BigInts, products and quotients stay exact, and rounding to a whole minor unit happens
 * only where the billing rules say so (docs/BILLING.md, "Totals and rounding"). No value ever passes
 * through a float.
 */

/** An exact rational number `n / d` with `d > 0`, kept in lowest terms. */
export interface Ratio {
  readonly n: bigint;
  readonly d: bigint;
}

export const ZERO: Ratio = { n: 0n, d: 1n };
export const ONE: Ratio = { n: 1n, d: 1n };

const gcd = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
};

/** `n / d` in lowest terms with a positive denominator; throws RangeError for `d = 0`. */
export function ratio(n: bigint, d: bigint = 1n): Ratio {
  if (d === 0n) throw new RangeError("Division by zero");
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

export const add = (a: Ratio, b: Ratio): Ratio => ratio(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Ratio, b: Ratio): Ratio => ratio(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Ratio, b: Ratio): Ratio => ratio(a.n * b.n, a.d * b.d);
export const div = (a: Ratio, b: Ratio): Ratio => ratio(a.n * b.d, a.d * b.n);
export const sum = (values: Iterable<Ratio>): Ratio => {
  let total = ZERO;
  for (const value of values) total = add(total, value);
  return total;
};
export const compare = (a: Ratio, b: Ratio): number => {
  const difference = a.n * b.d - b.n * a.d;
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
};

/** The largest integer not above `value`. */
export function floor(value: Ratio): bigint {
  const quotient = value.n / value.d;
  return value.n < 0n && quotient * value.d !== value.n ? quotient - 1n : quotient;
}

/**
 * Rounds to an integer, ties away from zero ("commercial rounding": 0.5 → 1, −0.5 → −1). Symmetric, so
 * a credit note computed from negated inputs is exactly the negated invoice.
 */
export function roundHalfAwayFromZero(value: Ratio): bigint {
  const magnitude = value.n < 0n ? -value.n : value.n;
  const rounded = (magnitude * 2n + value.d) / (value.d * 2n);
  return value.n < 0n ? -rounded : rounded;
}

// A plain decimal: optional minus, digits, optional fraction. No exponent, no grouping, no "+".
const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * Parses a plain decimal ("2.5", "-0.125", "19") or a finite number exactly; undefined for anything
 * else ("1e3", "1,5", "", NaN). Numbers go through their shortest round-trip text, so `0.1` is one
 * tenth, as the person who wrote it meant.
 */
export function parseDecimal(value: string | number): Ratio | undefined {
  const text = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : value.trim();
  const match = DECIMAL.exec(text);
  if (!match) return undefined;
  const [, sign, whole, fraction = ""] = match;
  const n = BigInt(whole + fraction);
  return ratio(sign ? -n : n, 10n ** BigInt(fraction.length));
}

/** Digits after the decimal point in a plain decimal's text (trailing zeros count: "1.50" → 2). */
export function decimalPlaces(value: string | number): number {
  const text = typeof value === "number" ? String(value) : value.trim();
  const point = text.indexOf(".");
  return point < 0 ? 0 : text.length - point - 1;
}

/**
 * The shortest plain decimal text of a ratio that has one ("9.975", "19", "-0.5"); undefined when the
 * value is a repeating decimal such as 1/3.
 */
export function toDecimalText(value: Ratio): string | undefined {
  let d = value.d;
  let twos = 0;
  let fives = 0;
  while (d % 2n === 0n) [d, twos] = [d / 2n, twos + 1];
  while (d % 5n === 0n) [d, fives] = [d / 5n, fives + 1];
  if (d !== 1n) return undefined;
  // In lowest terms, 10^max(twos, fives) is the smallest power of ten the denominator divides.
  const places = Math.max(twos, fives);
  const scaled = value.n * (10n ** BigInt(places) / value.d);
  const sign = scaled < 0n ? "-" : "";
  const digits = (scaled < 0n ? -scaled : scaled).toString().padStart(places + 1, "0");
  return sign + (places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`);
}

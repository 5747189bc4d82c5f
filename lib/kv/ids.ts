/**
 * Sortable record ids: a short type prefix and a ULID (https://github.com/ulid/spec), e.g.
 * `t_01JD8X3Z7W5M9Q2R4T6V8X0Y1Z`. The first 10 characters encode the creation time in milliseconds,
 * the last 16 are random, so ids sort in creation order as strings and as KV keys.
 *
 * ```ts
 * const id = newId("t"); // "t_01JD8X…"
 * ```
 */

// Crockford base32: no I, L, O, U, so ids survive being read aloud or retyped.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const TIME_LENGTH = 10;
const RANDOM_LENGTH = 16;
const MAX_TIME = 2 ** 48 - 1;
const PREFIX = /^[a-z][a-z0-9]{0,15}$/;
const ULID = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;

/** Fills a buffer with random bytes; swapped in tests to make the random part predictable. */
export type RandomSource = (bytes: Uint8Array<ArrayBuffer>) => void;

const cryptoRandom: RandomSource = (bytes) => crypto.getRandomValues(bytes);

/**
 * Returns a ULID generator that is monotonic within this process: ids made in the same millisecond
 * (or after the clock steps back) increment the previous random part instead of drawing a new one,
 * so creation order is kept even inside one millisecond.
 */
export function ulidGenerator(random: RandomSource = cryptoRandom): (time?: number) => string {
  let lastTime = -1;
  let lastRandom: number[] = [];
  return (time = Date.now()) => {
    if (!Number.isInteger(time) || time < 0 || time > MAX_TIME) {
      throw new RangeError(`A ULID time must be an integer between 0 and ${MAX_TIME}, got ${time}.`);
    }
    if (time <= lastTime) {
      lastRandom = increment(lastRandom);
    } else {
      lastTime = time;
      lastRandom = randomDigits(random);
    }
    return encodeTime(lastTime) + lastRandom.map((digit) => ALPHABET[digit]).join("");
  };
}

const defaultUlid = ulidGenerator();

/** A new ULID (26 characters, Crockford base32) for the given time, monotonic within this process. */
export function ulid(time?: number): string {
  return defaultUlid(time);
}

/** A new id `<prefix>_<ULID>`; the prefix names the record type ("t" for tenants). */
export function newId(prefix: string, time?: number): string {
  if (!PREFIX.test(prefix)) {
    throw new TypeError(
      `An id prefix is 1–16 lowercase letters or digits starting with a letter: "${prefix}".`,
    );
  }
  return `${prefix}_${ulid(time)}`;
}

/** Whether `value` is an id made by `newId(prefix)`. */
export function isId(value: string, prefix: string): boolean {
  return value.startsWith(`${prefix}_`) && ULID.test(value.slice(prefix.length + 1));
}

/** The creation time (milliseconds since the epoch) encoded in an id or a bare ULID. */
export function idTime(id: string): number {
  const value = id.slice(id.lastIndexOf("_") + 1);
  if (!ULID.test(value)) throw new TypeError(`Not a ULID: "${id}".`);
  let time = 0;
  for (const char of value.slice(0, TIME_LENGTH)) time = time * 32 + ALPHABET.indexOf(char);
  return time;
}

function encodeTime(time: number): string {
  let out = "";
  for (let i = 0; i < TIME_LENGTH; i++) {
    out = ALPHABET[time % 32] + out;
    time = Math.floor(time / 32);
  }
  return out;
}

function randomDigits(random: RandomSource): number[] {
  const bytes = new Uint8Array(RANDOM_LENGTH);
  random(bytes);
  // 256 is a multiple of 32, so masking keeps every digit uniformly distributed.
  return Array.from(bytes, (byte) => byte & 31);
}

function increment(digits: number[]): number[] {
  const next = [...digits];
  for (let i = next.length - 1; i >= 0; i--) {
    if (next[i] < 31) {
      next[i]++;
      return next;
    }
    next[i] = 0;
  }
  // 2^80 ids in one millisecond: the spec says fail rather than wrap and lose ordering.
  throw new RangeError("ULID random part overflowed within one millisecond.");
}

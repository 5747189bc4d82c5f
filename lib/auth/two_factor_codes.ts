/**
 * The pure part of two-factor authentication: TOTP codes (RFC 6238 with the parameters every
 * authenticator app supports: SHA-1, 6 digits, 30 seconds) and backup codes.
 *
 * We match codes with @oslojs/otp's HOTP primitives rather than verifyTOTPWithGracePeriod, because
 * replay protection needs to know which time step a code belongs to, and tests need a clock.
 *
 * ```ts
 * const key = newTotpKey();
 * const match = matchTotp(key, "123456", Date.now(), record.lastUsedStep);
 * if (typeof match === "number") record.lastUsedStep = match;
 * ```
 */
import { createTOTPKeyURI, generateHOTP, verifyHOTP } from "@oslojs/otp";
import { encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { generateRandomString, type RandomReader } from "@oslojs/crypto/random";

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** 160 bits, the key length RFC 4226 §4 recommends for HMAC-SHA-1. */
export const TOTP_KEY_BYTES = 20;
/** Steps either side of the current one that are still accepted: phones' clocks drift, people type slowly. */
export const TOTP_WINDOW_STEPS = 1;
/** The name authenticator apps show above the account. Not translated: it names the product. */
export const TOTP_ISSUER = "Recording Studio Manager";

export const BACKUP_CODE_COUNT = 10;
// Crockford's base32 alphabet, lowercase: no i, l, o or u, so a code survives being read off paper.
const BACKUP_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
// 10 characters × 5 bits = 50 bits: far beyond online guessing (rate limited), and stored as keyed
// hashes, so a KV dump alone does not allow offline guessing either.
const BACKUP_CODE_LENGTH = 10;
const BACKUP_CODE = /^[0-9a-hjkmnp-tv-z]{10}$/;

// Copied through a fresh buffer: RandomReader's bytes may sit on a SharedArrayBuffer, which Web Crypto refuses.
const random: RandomReader = {
  read: (bytes) => bytes.set(crypto.getRandomValues(new Uint8Array(bytes.length))),
};

/** A fresh random TOTP key. */
export function newTotpKey(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(TOTP_KEY_BYTES));
}

/** The key as people type it into an authenticator app: base32, in groups of four. */
export function formatTotpKey(key: Uint8Array): string {
  return encodeBase32UpperCaseNoPadding(key).match(/.{1,4}/g)!.join(" ");
}

/** The otpauth:// URI that authenticator apps open (Key Uri Format), naming the person by e-mail. */
export function totpUri(key: Uint8Array, accountName: string): string {
  return createTOTPKeyURI(TOTP_ISSUER, accountName, key, TOTP_PERIOD_SECONDS, TOTP_DIGITS);
}

/** The TOTP time step of an instant (milliseconds since the epoch). */
export function totpStep(nowMs: number): number {
  return Math.floor(nowMs / (TOTP_PERIOD_SECONDS * 1000));
}

/** The code for a time step; for tests and for showing nothing else. */
export function totpCodeAt(key: Uint8Array, step: number): string {
  return generateHOTP(key, BigInt(step), TOTP_DIGITS);
}

/** "123 456", " 123456 " and "123-456" are all 123456; anything else is not a code. */
export function normalizeTotpCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, "");
  return new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(code) ? code : null;
}

/**
 * Matches a code against the steps around `nowMs`. Returns the matched step (store it as the new
 * `lastUsedStep`), "reused" for a right code of a step at or before `lastUsedStep`, or "wrong".
 */
export function matchTotp(
  key: Uint8Array,
  input: string,
  nowMs: number,
  lastUsedStep: number,
): number | "reused" | "wrong" {
  const code = normalizeTotpCode(input);
  if (code === null) return "wrong";
  const current = totpStep(nowMs);
  let reused = false;
  for (let step = current - TOTP_WINDOW_STEPS; step <= current + TOTP_WINDOW_STEPS; step++) {
    if (!verifyHOTP(key, BigInt(step), TOTP_DIGITS, code)) continue;
    if (step > lastUsedStep) return step;
    reused = true;
  }
  return reused ? "reused" : "wrong";
}

/** A new set of backup codes, shown once as `xxxxx-xxxxx`. */
export function newBackupCodes(count = BACKUP_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const code = generateRandomString(random, BACKUP_ALPHABET, BACKUP_CODE_LENGTH);
    return `${code.slice(0, 5)}-${code.slice(5)}`;
  });
}

/**
 * The canonical form of a typed backup code (what gets hashed), or null when it cannot be one.
 * Case, spaces and hyphens do not matter; o/i/l read as 0/1/1, as Crockford's base32 specifies.
 */
export function normalizeBackupCode(input: string): string | null {
  const code = input.toLowerCase().replace(/[\s-]/g, "").replace(/o/g, "0").replace(/[il]/g, "1");
  return BACKUP_CODE.test(code) ? code : null;
}

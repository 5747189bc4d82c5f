/**
 * Staff passwords: argon2id hashing (via hash-wasm) and the rules a new password must pass.
 *
 * Hashes are PHC strings, e.g. `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`, so the parameters
 * travel with each hash and can be raised later: {@link needsRehash} says when a stored hash was
 * made with weaker ones, and the sign-in flow re-hashes the password it has just verified.
 *
 * ```ts
 * const problem = passwordRuleProblem(input, { email: "ana@bluroom.fr" });
 * if (problem) throw new ResourceValidationError({ password: problem }); // pages: fieldMessages(err, t)
 * const encoded = await hashPassword(input);
 * await verifyPassword(input, encoded); // true
 * ```
 */
import { argon2id } from "hash-wasm";
import { decodeBase64IgnorePadding } from "@oslojs/encoding";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import type { MessageId } from "../i18n/mod.ts";
import { type Problem, problem } from "../scheduling/resource_validation.ts";
import { COMMON_PASSWORDS } from "./common_passwords.ts";

/** OWASP Password Storage Cheat Sheet, argon2id option 5: 19 MiB, 2 passes, 1 lane. */
export const ARGON2_PARAMETERS = {
  memorySize: 19_456,
  iterations: 2,
  parallelism: 1,
  hashLength: 32,
  saltLength: 16,
} as const;

export const MIN_PASSWORD_LENGTH = 12;
// Long enough for any passphrase or manager-generated password, short enough that hashing a
// pasted novel cannot be used to burn CPU.
export const MAX_PASSWORD_LENGTH = 256;

// Bounds on what a stored hash may ask for, so a tampered or corrupt record cannot make one
// verification allocate gigabytes or run for minutes.
const MAX_MEMORY_KIB = 262_144;
const MAX_ITERATIONS = 10;
const MAX_PARALLELISM = 4;

const PHC = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

/** Hashes a password with argon2id and a fresh 16-byte salt; returns the PHC string. */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(ARGON2_PARAMETERS.saltLength));
  return await argon2id({
    password: normalize(password),
    salt,
    memorySize: ARGON2_PARAMETERS.memorySize,
    iterations: ARGON2_PARAMETERS.iterations,
    parallelism: ARGON2_PARAMETERS.parallelism,
    hashLength: ARGON2_PARAMETERS.hashLength,
    outputType: "encoded",
  });
}

/**
 * Whether `password` matches the PHC string `encoded`. A string that is not an argon2id hash we
 * could have made reads as "no match", never as an error, so a damaged record cannot sign anyone in.
 */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parsed = parseHash(encoded);
  // hash-wasm refuses an empty password; no stored hash can be of one (passwordProblem refuses it).
  if (!parsed || password.length === 0 || password.length > MAX_PASSWORD_LENGTH * 4) return false;
  const actual = await argon2id({
    password: normalize(password),
    salt: parsed.salt,
    memorySize: parsed.memorySize,
    iterations: parsed.iterations,
    parallelism: parsed.parallelism,
    hashLength: parsed.hash.length,
    outputType: "binary",
  });
  // hash-wasm's argon2Verify compares with `===` on strings; compare the bytes in constant time.
  return constantTimeEqual(actual, parsed.hash);
}

/** Whether a stored hash was made with other parameters than today's and should be replaced. */
export function needsRehash(encoded: string): boolean {
  const parsed = parseHash(encoded);
  return !parsed ||
    parsed.memorySize !== ARGON2_PARAMETERS.memorySize ||
    parsed.iterations !== ARGON2_PARAMETERS.iterations ||
    parsed.parallelism !== ARGON2_PARAMETERS.parallelism ||
    parsed.hash.length !== ARGON2_PARAMETERS.hashLength;
}

/** Whether `value` looks like a hash made by {@link hashPassword} (and not, say, a plain password). */
export function isPasswordHash(value: string): boolean {
  return parseHash(value) !== null;
}

export interface PasswordContext {
  email?: string;
  name?: string;
}

/** The rule a refused password breaks, as its message id (lib/i18n/messages/security_en.ts). */
export type PasswordRule = Extract<MessageId, `password.rule.${string}`>;

/**
 * Why a new password is refused (in English), or undefined when it is acceptable. Pages show
 * {@link passwordRuleProblem} instead, which the reader's language can render.
 */
export function passwordProblem(password: string, context: PasswordContext = {}): string | undefined {
  return passwordRuleProblem(password, context)?.text;
}

/**
 * Why a new password is refused, as a catalogue message with its English text, or undefined when it
 * is acceptable. The rules follow NIST SP 800-63B §5.1.1.2: a minimum length, no composition rules,
 * and a check against passwords that are common or derived from the account's own e-mail or name.
 */
export function passwordRuleProblem(password: string, context: PasswordContext = {}): Problem | undefined {
  const normalized = normalize(password);
  const length = [...normalized].length;
  if (length < MIN_PASSWORD_LENGTH) return rule("password.rule.too_short", { min: MIN_PASSWORD_LENGTH });
  if (length > MAX_PASSWORD_LENGTH) return rule("password.rule.too_long", { max: MAX_PASSWORD_LENGTH });

  const lower = normalized.toLowerCase();
  const localPart = context.email?.trim().toLowerCase().split("@")[0] ?? "";
  if (localPart.length >= 3 && lower.includes(localPart)) return rule("password.rule.contains_email");
  const name = context.name?.trim().toLowerCase().replace(/\s+/g, "") ?? "";
  if (name.length >= 4 && lower.replace(/\s+/g, "").includes(name)) {
    return rule("password.rule.contains_name");
  }
  if (isCommon(lower)) return rule("password.rule.common");
  if (/^(.)\1*$/u.test(lower) || isSequence(lower)) return rule("password.rule.predictable");
  return undefined;
}

function rule(id: PasswordRule, params?: Record<string, number>): Problem {
  return problem(id, params);
}

function isCommon(lower: string): boolean {
  if (COMMON_PASSWORDS.has(lower)) return true;
  // "Password2024!" and "dragondragon" are the common password with the decoration attackers
  // try first: digits and symbols around it, or the word typed twice.
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "");
  if (core.length > 0 && COMMON_PASSWORDS.has(core)) return true;
  const half = lower.length / 2;
  return Number.isInteger(half) && lower.slice(0, half) === lower.slice(half) &&
    COMMON_PASSWORDS.has(lower.slice(0, half));
}

function isSequence(lower: string): boolean {
  const codes = [...lower].map((char) => char.codePointAt(0)!);
  const step = codes[1] - codes[0];
  if (Math.abs(step) !== 1) return false;
  return codes.every((code, i) => i === 0 || code - codes[i - 1] === step);
}

// NFKC so that the same password typed on two keyboards (composed vs decomposed accents,
// full-width digits) hashes the same, as NIST SP 800-63B advises. Changing this breaks every hash.
function normalize(password: string): string {
  return password.normalize("NFKC");
}

interface ParsedHash {
  memorySize: number;
  iterations: number;
  parallelism: number;
  salt: Uint8Array;
  hash: Uint8Array;
}

function parseHash(encoded: string): ParsedHash | null {
  const match = PHC.exec(encoded);
  if (!match) return null;
  const [memorySize, iterations, parallelism] = [match[1], match[2], match[3]].map(Number);
  if (
    memorySize < 8 * parallelism || memorySize > MAX_MEMORY_KIB ||
    iterations < 1 || iterations > MAX_ITERATIONS ||
    parallelism < 1 || parallelism > MAX_PARALLELISM
  ) return null;
  try {
    const salt = decodeBase64IgnorePadding(match[4]);
    const hash = decodeBase64IgnorePadding(match[5]);
    if (salt.length < 8 || hash.length < 16 || hash.length > 64) return null;
    return { memorySize, iterations, parallelism, salt, hash };
  } catch {
    return null;
  }
}

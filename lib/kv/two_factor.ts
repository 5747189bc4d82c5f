/**
 * Two-factor authentication state. It belongs to the person (a staff identity), not to a studio: one
 * authenticator app covers every studio they work for.
 *
 * Key shapes:
 *
 *   ["two_factor", staffId]                    → TwoFactor            while 2FA is on
 *   ["two_factor_enrolments", staffId]         → TwoFactorEnrolment   expires after 15 minutes
 *   ["two_factor_challenges", sha256(token)]   → SignInChallenge      expires after 10 minutes
 *
 * TOTP keys are stored sealed (lib/crypto/secret_box.ts) and backup codes as keyed hashes; this
 * module never sees either in the clear. A challenge is the state between a right password and a
 * right code: the browser holds its token in a cookie, KV only the token's SHA-256 (like sessions).
 * Every change is versionstamp-checked, so a code or backup code is accepted once however many
 * requests race with it.
 */
import { generateSessionToken, sessionIdOf } from "./sessions.ts";
import { deleteNamingStudio } from "./batch_delete.ts";

export interface TwoFactor {
  staffId: string;
  /** The TOTP key, sealed for `totp:<staffId>`. */
  totpKey: string;
  /**
   * The latest TOTP time step a code was accepted for. A code of this step or an earlier one is
   * refused, so a code seen over someone's shoulder cannot be used again (RFC 6238 §5.2).
   */
  lastUsedStep: number;
  /** Keyed hashes of the backup codes not used yet. */
  backupCodes: string[];
  /** ISO instants. */
  enabledAt: string;
  backupCodesCreatedAt: string;
  updatedAt: string;
}

/** A key shown to the person and waiting for its first code; 2FA is not on until that code comes. */
export interface TwoFactorEnrolment {
  staffId: string;
  /** Sealed like {@link TwoFactor.totpKey}. */
  totpKey: string;
  /** ISO instants. */
  createdAt: string;
  expiresAt: string;
}

/** The password was right; the person still owes a code before a session starts. */
export interface SignInChallenge {
  staffId: string;
  /** The studio the session will be for; the challenge is refused at any other. */
  tenantId: string;
  /** Where to go once signed in (already checked by safeNext). */
  next: string;
  /** ISO instants. */
  createdAt: string;
  expiresAt: string;
}

export const ENROLMENT_LIFETIME_MS = 15 * 60_000;
/** Long enough to unlock a phone and find the app, short enough that an abandoned step goes stale. */
export const CHALLENGE_LIFETIME_MS = 10 * 60_000;
const TOKEN = /^[a-z2-7]{32}$/;

const twoFactorKey = (staffId: string): Deno.KvKey => ["two_factor", staffId];
const enrolmentKey = (staffId: string): Deno.KvKey => ["two_factor_enrolments", staffId];
const challengeKey = (token: string): Deno.KvKey => ["two_factor_challenges", sessionIdOf(token)];

/** A person's 2FA record with its versionstamp (for a checked update), or null while 2FA is off. */
export async function getTwoFactor(kv: Deno.Kv, staffId: string): Promise<Deno.KvEntry<TwoFactor> | null> {
  const entry = await kv.get<TwoFactor>(twoFactorKey(staffId));
  return entry.value === null ? null : entry as Deno.KvEntry<TwoFactor>;
}

/**
 * Replaces `entry` with `next` (null turns 2FA off) if nobody changed it since it was read; false
 * when someone did, and the caller should read again.
 */
export async function updateTwoFactor(
  kv: Deno.Kv,
  entry: Deno.KvEntry<TwoFactor>,
  next: TwoFactor | null,
): Promise<boolean> {
  const operation = kv.atomic().check(entry);
  if (next) operation.set(entry.key, next);
  else operation.delete(entry.key);
  return (await operation.commit()).ok;
}

/** Starts (or restarts, with a new key) setting 2FA up. */
export async function putEnrolment(
  kv: Deno.Kv,
  staffId: string,
  totpKey: string,
  now = Date.now(),
): Promise<TwoFactorEnrolment> {
  const enrolment: TwoFactorEnrolment = {
    staffId,
    totpKey,
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + ENROLMENT_LIFETIME_MS).toISOString(),
  };
  await kv.set(enrolmentKey(staffId), enrolment, { expireIn: ENROLMENT_LIFETIME_MS });
  return enrolment;
}

/** The enrolment in progress, or null when there is none or it expired. */
export async function getEnrolment(
  kv: Deno.Kv,
  staffId: string,
  now = Date.now(),
): Promise<Deno.KvEntry<TwoFactorEnrolment> | null> {
  const entry = await kv.get<TwoFactorEnrolment>(enrolmentKey(staffId));
  // KV drops expired rows lazily; the stored instant is the rule.
  if (entry.value === null || now >= Date.parse(entry.value.expiresAt)) return null;
  return entry as Deno.KvEntry<TwoFactorEnrolment>;
}

export async function deleteEnrolment(kv: Deno.Kv, staffId: string): Promise<void> {
  await kv.delete(enrolmentKey(staffId));
}

/**
 * Turns 2FA on from an enrolment, in one atomic operation that also uses the enrolment up. False
 * when the enrolment changed (restarted, or used by a parallel request) or 2FA is already on.
 */
export async function activateTwoFactor(
  kv: Deno.Kv,
  enrolment: Deno.KvEntry<TwoFactorEnrolment>,
  record: TwoFactor,
): Promise<boolean> {
  const result = await kv.atomic()
    .check(enrolment)
    .check({ key: twoFactorKey(record.staffId), versionstamp: null })
    .set(twoFactorKey(record.staffId), record)
    .delete(enrolment.key)
    .commit();
  return result.ok;
}

/** Opens a challenge after a right password; returns the token for the cookie, never stored. */
export async function issueChallenge(
  kv: Deno.Kv,
  subject: Pick<SignInChallenge, "staffId" | "tenantId" | "next">,
  now = Date.now(),
): Promise<{ token: string; challenge: SignInChallenge }> {
  const token = generateSessionToken();
  const challenge: SignInChallenge = {
    staffId: subject.staffId,
    tenantId: subject.tenantId,
    next: subject.next,
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + CHALLENGE_LIFETIME_MS).toISOString(),
  };
  const result = await kv.atomic()
    .check({ key: challengeKey(token), versionstamp: null })
    .set(challengeKey(token), challenge, { expireIn: CHALLENGE_LIFETIME_MS })
    .commit();
  if (!result.ok) throw new Error("Challenge token collision; this should never happen.");
  return { token, challenge };
}

/**
 * The live challenge of `token` at studio `tenantId`, or null when the token is malformed, unknown,
 * used, expired, or was issued at another studio.
 */
export async function findChallenge(
  kv: Deno.Kv,
  token: string,
  tenantId: string,
  now = Date.now(),
): Promise<Deno.KvEntry<SignInChallenge> | null> {
  if (!TOKEN.test(token)) return null;
  const entry = await kv.get<SignInChallenge>(challengeKey(token));
  if (entry.value === null || now >= Date.parse(entry.value.expiresAt)) return null;
  if (entry.value.tenantId !== tenantId) return null;
  return entry as Deno.KvEntry<SignInChallenge>;
}

/** Uses a challenge up; of two requests racing with one challenge, exactly one gets true. */
export async function consumeChallenge(kv: Deno.Kv, entry: Deno.KvEntry<SignInChallenge>): Promise<boolean> {
  return (await kv.atomic().check(entry).delete(entry.key).commit()).ok;
}

/**
 * Drops the open sign-in challenges of a deleted studio (ten minutes each). A person's own 2FA
 * settings are theirs, not the studio's, and stay.
 */
export async function deleteStudioChallenges(kv: Deno.Kv, tenantId: string): Promise<number> {
  return await deleteNamingStudio(kv, ["two_factor_challenges"], tenantId);
}

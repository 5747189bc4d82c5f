/**
 * Two-factor authentication for staff: a TOTP authenticator app plus ten single-use backup codes.
 *
 * - Setting up shows a new key (sealed in KV until confirmed); 2FA turns on only when a code from the
 *   app matches, so nobody is locked out by a key their app never received.
 * - Every code is checked against the steps either side of now, and a step once used is refused
 *   (replay); backup codes are stored as keyed hashes and each works once. Both are enforced by a
 *   versionstamp-checked write, so racing requests cannot use one code twice.
 * - Guesses are rate limited per person, whatever page they come from (sign-in, turning 2FA off,
 *   new backup codes), and every change is audited and signs the person out everywhere else.
 *
 * ```ts
 * const setup = await startTwoFactorSetup(kv, box, actor, { password });  // show setup.key, setup.uri
 * const { backupCodes } = await enableTwoFactor(kv, box, actor, "123456", db); // show once
 * await verifySecondFactor(kv, box, staffId, { code: "654321" });
 * ```
 */
import { type AuditWriter, recordAudit } from "../audit/audit.ts";
import type { SecretBox } from "../crypto/secret_box.ts";
import { ConflictError, RateLimitedError, ValidationError } from "../errors.ts";
import type { MessageId } from "../i18n/mod.ts";
import { hitRateLimit, type RateLimitRule, resetRateLimit } from "../kv/rate_limits.ts";
import { retryOnConflict } from "../kv/retry.ts";
import { revokeAllSessions } from "../kv/sessions.ts";
import { getStaff } from "../kv/staff.ts";
import {
  activateTwoFactor,
  deleteEnrolment,
  getEnrolment,
  getTwoFactor,
  putEnrolment,
  type TwoFactor,
  updateTwoFactor,
} from "../kv/two_factor.ts";
import { verifyPassword } from "./password.ts";
import { SIGN_IN_PER_ACCOUNT } from "./sign_in.ts";
import {
  formatTotpKey,
  matchTotp,
  newBackupCodes,
  newTotpKey,
  normalizeBackupCode,
  totpUri,
} from "./two_factor_codes.ts";

/**
 * Wrong codes for one person, from any page: with three acceptable codes per guess (±1 step), five
 * guesses a quarter-hour and twenty a day give an attacker who has the password about a 2 % chance
 * in a year, while a person who mistypes a few times is not locked out for long.
 */
export const TWO_FACTOR_PER_ACCOUNT: RateLimitRule = {
  name: "two-factor:account",
  limit: 5,
  windowMs: 15 * 60_000,
};
export const TWO_FACTOR_PER_ACCOUNT_DAILY: RateLimitRule = {
  name: "two-factor:account-daily",
  limit: 20,
  windowMs: 24 * 60 * 60_000,
};

/** The associated data a person's TOTP key is sealed with: it opens for nobody else's record. */
export const totpContext = (staffId: string) => `totp:${staffId}`;
const backupCodeContext = (staffId: string) => `backup-code:${staffId}`;

/** A code from the app, or one of the backup codes. */
export type SecondFactorProof = { code: string } | { backupCode: string };

/** Who is acting, from where, and which session they act in (it stays signed in). */
export interface TwoFactorActor {
  staffId: string;
  email: string;
  sessionId?: string;
  ip?: string;
  userAgent?: string;
}

export type TwoFactorStatus =
  | { enabled: false }
  | { enabled: true; enabledAt: string; backupCodesLeft: number; backupCodesCreatedAt: string };

/** The key to put into an authenticator app, shown while setting up. */
export interface TwoFactorSetup {
  /** Base32 in groups of four, for typing. */
  key: string;
  /** otpauth:// link, for apps on the same device. */
  uri: string;
  expiresAt: string;
}

/** A wrong code (or backup code), or a right code of a time step already used. */
export class SecondFactorRefused extends ValidationError {
  constructor(readonly field: "code" | "backup_code", readonly reason: "wrong" | "reused") {
    super(
      {
        [field]: reason === "reused"
          ? "This code was already used. Wait for the next one."
          : field === "code"
          ? "The code is not right."
          : "This backup code is not right or was already used.",
      },
      "Second factor refused.",
    );
    this.name = "SecondFactorRefused";
  }
}

/** The message that explains a refusal beside the field. */
export function refusalMessage(err: SecondFactorRefused): MessageId {
  if (err.field === "backup_code") return "auth.two_factor.error.backup_wrong";
  return err.reason === "reused" ? "auth.two_factor.error.code_reused" : "auth.two_factor.error.code_wrong";
}

/** Two-factor authentication is on already (setting it up again) or off (using or changing it). */
export class TwoFactorStateConflict extends ConflictError {
  constructor(readonly state: "on" | "off" | "setup_expired") {
    super(
      state === "on"
        ? "Two-factor authentication is already on."
        : state === "off"
        ? "Two-factor authentication is off."
        : "The set-up expired or was restarted elsewhere. Start again.",
      [{ twoFactor: state }],
    );
    this.name = "TwoFactorStateConflict";
  }
}

export async function twoFactorStatus(kv: Deno.Kv, staffId: string): Promise<TwoFactorStatus> {
  const entry = await getTwoFactor(kv, staffId);
  if (!entry) return { enabled: false };
  const { enabledAt, backupCodes, backupCodesCreatedAt } = entry.value;
  return { enabled: true, enabledAt, backupCodesLeft: backupCodes.length, backupCodesCreatedAt };
}

/**
 * Starts setting 2FA up with a new key (a second start replaces the first key). The person confirms
 * their password first, when they have one, so a borrowed signed-in browser cannot tie the account
 * to someone else's phone. A wrong password is a ValidationError on `password`.
 */
export async function startTwoFactorSetup(
  kv: Deno.Kv,
  box: SecretBox,
  actor: TwoFactorActor,
  confirm: { password: string },
  now = Date.now(),
): Promise<TwoFactorSetup> {
  const staff = await getStaff(kv, actor.staffId);
  if (!staff) throw new ConflictError("This account no longer exists.");
  if (await getTwoFactor(kv, actor.staffId)) throw new TwoFactorStateConflict("on");
  if (staff.passwordHash) {
    const limit = await hitRateLimit(kv, SIGN_IN_PER_ACCOUNT, staff.email);
    if (!limit.allowed) {
      throw new RateLimitedError(limit.retryAfterSeconds, "Too many wrong passwords. Wait a few minutes.");
    }
    if (!(await verifyPassword(confirm.password, staff.passwordHash))) {
      throw new ValidationError({ password: "The password is not right." });
    }
    await resetRateLimit(kv, SIGN_IN_PER_ACCOUNT, staff.email);
  }
  const key = newTotpKey();
  const enrolment = await putEnrolment(
    kv,
    actor.staffId,
    await box.seal(key, totpContext(actor.staffId)),
    now,
  );
  return { key: formatTotpKey(key), uri: totpUri(key, staff.email), expiresAt: enrolment.expiresAt };
}

/** Abandons a set-up in progress; its key is forgotten. Nothing in progress is not an error. */
export async function cancelTwoFactorSetup(
  kv: Deno.Kv,
  actor: Pick<TwoFactorActor, "staffId">,
): Promise<void> {
  await deleteEnrolment(kv, actor.staffId);
}

/** The set-up in progress (to show its key again), or null. */
export async function pendingTwoFactorSetup(
  kv: Deno.Kv,
  box: SecretBox,
  actor: Pick<TwoFactorActor, "staffId" | "email">,
  now = Date.now(),
): Promise<TwoFactorSetup | null> {
  const entry = await getEnrolment(kv, actor.staffId, now);
  if (!entry) return null;
  const key = await box.open(entry.value.totpKey, totpContext(actor.staffId));
  return { key: formatTotpKey(key), uri: totpUri(key, actor.email), expiresAt: entry.value.expiresAt };
}

/**
 * Turns 2FA on with the first code from the app; returns the backup codes, which exist in the clear
 * only in this answer. Signs the person out of every other session.
 */
export async function enableTwoFactor(
  kv: Deno.Kv,
  box: SecretBox,
  actor: TwoFactorActor,
  code: string,
  audit?: AuditWriter,
  now = Date.now(),
): Promise<{ backupCodes: string[] }> {
  const enrolment = await getEnrolment(kv, actor.staffId, now);
  if (!enrolment) {
    throw new TwoFactorStateConflict((await getTwoFactor(kv, actor.staffId)) ? "on" : "setup_expired");
  }
  const key = await box.open(enrolment.value.totpKey, totpContext(actor.staffId));
  const step = matchTotp(key, code, now, -1);
  if (typeof step !== "number") throw new SecondFactorRefused("code", "wrong");

  const backupCodes = newBackupCodes();
  const at = new Date(now).toISOString();
  const record: TwoFactor = {
    staffId: actor.staffId,
    totpKey: enrolment.value.totpKey,
    // The confirming code counts as used: it must not also sign someone in.
    lastUsedStep: step,
    backupCodes: await hashBackupCodes(box, actor.staffId, backupCodes),
    enabledAt: at,
    backupCodesCreatedAt: at,
    updatedAt: at,
  };
  if (!(await activateTwoFactor(kv, enrolment, record))) {
    throw new TwoFactorStateConflict((await getTwoFactor(kv, actor.staffId)) ? "on" : "setup_expired");
  }
  await afterChange(kv, actor, "auth.two_factor_enabled", audit);
  return { backupCodes };
}

/**
 * Checks a code or backup code of a person with 2FA on and uses it up. Throws SecondFactorRefused
 * (audited as `auth.two_factor_failed`), RateLimitedError past the limits, or TwoFactorStateConflict
 * when 2FA is off.
 */
export async function verifySecondFactor(
  kv: Deno.Kv,
  box: SecretBox,
  actor: TwoFactorActor,
  proof: SecondFactorProof,
  audit?: AuditWriter,
  now = Date.now(),
): Promise<{ method: "totp" | "backup_code"; backupCodesLeft: number }> {
  return await changeWithProof(kv, box, actor, proof, audit, now, (proved) => proved);
}

/** Turns 2FA off; needs a current code or a backup code. Signs the person out everywhere else. */
export async function disableTwoFactor(
  kv: Deno.Kv,
  box: SecretBox,
  actor: TwoFactorActor,
  proof: SecondFactorProof,
  audit?: AuditWriter,
  now = Date.now(),
): Promise<void> {
  await changeWithProof(kv, box, actor, proof, audit, now, () => null);
  await afterChange(kv, actor, "auth.two_factor_disabled", audit);
}

/**
 * Replaces every backup code with ten new ones (returned, shown once); needs a current code or one
 * of the old backup codes. Signs the person out everywhere else: whoever used a leaked code is out.
 */
export async function regenerateBackupCodes(
  kv: Deno.Kv,
  box: SecretBox,
  actor: TwoFactorActor,
  proof: SecondFactorProof,
  audit?: AuditWriter,
  now = Date.now(),
): Promise<{ backupCodes: string[] }> {
  const backupCodes = newBackupCodes();
  const hashes = await hashBackupCodes(box, actor.staffId, backupCodes);
  const at = new Date(now).toISOString();
  await changeWithProof(kv, box, actor, proof, audit, now, (proved) => ({
    ...proved,
    backupCodes: hashes,
    backupCodesCreatedAt: at,
  }));
  await afterChange(kv, actor, "auth.two_factor_backup_codes_regenerated", audit);
  return { backupCodes };
}

/**
 * Verifies `proof` and writes `change(record with the proof used up)` in one checked operation (null
 * deletes the record), retrying when another request changed the record in between: a code that
 * request used is then refused here as reused.
 */
async function changeWithProof(
  kv: Deno.Kv,
  box: SecretBox,
  actor: TwoFactorActor,
  proof: SecondFactorProof,
  audit: AuditWriter | undefined,
  now: number,
  change: (proved: TwoFactor) => TwoFactor | null,
): Promise<{ method: "totp" | "backup_code"; backupCodesLeft: number }> {
  const { staffId } = actor;
  for (const rule of [TWO_FACTOR_PER_ACCOUNT, TWO_FACTOR_PER_ACCOUNT_DAILY]) {
    const limit = await hitRateLimit(kv, rule, staffId, now);
    if (!limit.allowed) {
      throw new RateLimitedError(limit.retryAfterSeconds, "Too many wrong codes. Wait a few minutes.");
    }
  }
  try {
    const result = await retryOnConflict(`The two-factor settings of ${staffId}`, async () => {
      const entry = await getTwoFactor(kv, staffId);
      if (!entry) throw new TwoFactorStateConflict("off");
      const updatedAt = new Date(now).toISOString();
      let proved: TwoFactor;
      if ("code" in proof) {
        const key = await box.open(entry.value.totpKey, totpContext(staffId));
        const step = matchTotp(key, proof.code, now, entry.value.lastUsedStep);
        if (typeof step !== "number") throw new SecondFactorRefused("code", step);
        proved = { ...entry.value, lastUsedStep: step, updatedAt };
      } else {
        const index = await findBackupCode(box, staffId, entry.value.backupCodes, proof.backupCode);
        if (index < 0) throw new SecondFactorRefused("backup_code", "wrong");
        proved = { ...entry.value, backupCodes: entry.value.backupCodes.toSpliced(index, 1), updatedAt };
      }
      const next = change(proved);
      if (!(await updateTwoFactor(kv, entry, next))) return null;
      return {
        method: "code" in proof ? "totp" as const : "backup_code" as const,
        backupCodesLeft: proved.backupCodes.length,
      };
    });
    for (const rule of [TWO_FACTOR_PER_ACCOUNT, TWO_FACTOR_PER_ACCOUNT_DAILY]) {
      await resetRateLimit(kv, rule, staffId, now);
    }
    if (result.method === "backup_code" && audit) {
      await recordAudit(audit, {
        ...auditBase(actor),
        action: "auth.two_factor_backup_code_used",
        changes: { backupCodesLeft: { after: result.backupCodesLeft } },
      });
    }
    return result;
  } catch (err) {
    if (err instanceof SecondFactorRefused && audit) {
      await recordAudit(audit, {
        ...auditBase(actor),
        action: "auth.two_factor_failed",
        changes: {
          method: { after: err.field === "code" ? "totp" : "backup_code" },
          reason: { after: err.reason },
        },
      });
    }
    throw err;
  }
}

async function afterChange(kv: Deno.Kv, actor: TwoFactorActor, action: string, audit?: AuditWriter) {
  await revokeAllSessions(kv, actor.staffId, { keep: actor.sessionId });
  if (audit) await recordAudit(audit, { ...auditBase(actor), action });
}

function auditBase(actor: TwoFactorActor) {
  return {
    actor: { type: "staff" as const, id: actor.staffId, label: actor.email },
    entity: { type: "staff", id: actor.staffId },
    ip: actor.ip,
    userAgent: actor.userAgent,
  };
}

async function hashBackupCodes(box: SecretBox, staffId: string, codes: string[]): Promise<string[]> {
  return await Promise.all(
    codes.map((code) => box.keyedHash(normalizeBackupCode(code)!, backupCodeContext(staffId))),
  );
}

/** The index of the stored hash `typed` matches, or -1. Checks every hash, so timing says nothing. */
async function findBackupCode(
  box: SecretBox,
  staffId: string,
  hashes: string[],
  typed: string,
): Promise<number> {
  const code = normalizeBackupCode(typed);
  if (code === null) return -1;
  const matches = await Promise.all(
    hashes.map((hash) => box.matchesKeyedHash(code, backupCodeContext(staffId), hash)),
  );
  return matches.indexOf(true);
}

import { type AuditWriter, recordAudit } from "../audit/audit.ts";
import { RateLimitedError, ValidationError } from "../errors.ts";
import { hitRateLimit, type RateLimitRule, resetRateLimit } from "../kv/rate_limits.ts";
import { createSession, type Session } from "../kv/sessions.ts";
import { getMembership, getStaffByEmail, normalizeEmail, setPassword } from "../kv/staff.ts";
import { getTwoFactor, issueChallenge, type SignInChallenge } from "../kv/two_factor.ts";
import { type LockoutNotifier, noticeLockoutIfLocked } from "./lockout_notice.ts";
import { refuseIfSsoOnly } from "./sso.ts";
import { hashPassword, needsRehash, verifyPassword } from "./password.ts";

/** Wrong guesses at one account, whoever makes them: slows a targeted attack to a crawl. */
export const SIGN_IN_PER_ACCOUNT: RateLimitRule = {
  name: "sign-in:account",
  limit: 10,
  windowMs: 15 * 60_000,
};
/** Attempts from one address, whatever the account: slows credential stuffing. */
export const SIGN_IN_PER_ADDRESS: RateLimitRule = {
  name: "sign-in:address",
  limit: 50,
  windowMs: 15 * 60_000,
};

export interface SignInAttempt {
  tenantId: string;
  email: string;
  password: string;
  ip: string;
  userAgent?: string;
  /** Where to go once signed in, kept across the two-factor step (checked again when used). */
  next?: string;
}

/**
 * What a right password leads to: a session, or, for a person with two-factor authentication on, a
 * challenge whose token goes into a cookie until the code comes (lib/auth/two_factor_sign_in.ts).
 */
export type SignInOutcome =
  | { status: "signed_in"; token: string; session: Session }
  | { status: "second_factor"; challengeToken: string; challenge: SignInChallenge };

/** Thrown for any wrong e-mail, password or studio, with one message: it reveals nothing. */
export class SignInRefused extends ValidationError {
  constructor() {
    super({ email: "The e-mail or password is not right." }, "Sign-in refused.");
  }
}

// Verified against when the e-mail is unknown, so a miss costs as long as a wrong password. Made on
// first use rather than at import, so start-up does not pay for a hash.
let dummyHash: Promise<string> | undefined;
const dummy = () => dummyHash ??= hashPassword(crypto.randomUUID());

/**
 * Signs a staff member in to one studio and starts a session bound to it, or, when they have
 * two-factor authentication on, a challenge for their code. Rate limited per account and per
 * address; an unknown e-mail, a wrong password and a person without a role in this studio all get
 * the same answer in the same time. With `audit` (the studio's database), successes and failures
 * are written to the studio's audit log. With `lockout`, the wrong password that locks an account
 * out sends its owner one notice per lockout window (lib/auth/lockout_notice.ts).
 */
export async function signIn(
  kv: Deno.Kv,
  attempt: SignInAttempt,
  audit?: AuditWriter,
  lockout?: LockoutNotifier,
): Promise<SignInOutcome> {
  const email = normalizeEmail(attempt.email);
  for (const [rule, subject] of [[SIGN_IN_PER_ADDRESS, attempt.ip], [SIGN_IN_PER_ACCOUNT, email]] as const) {
    const limit = await hitRateLimit(kv, rule, subject);
    if (!limit.allowed) {
      throw new RateLimitedError(limit.retryAfterSeconds, "Too many sign-in attempts. Wait a few minutes.");
    }
  }
  const staff = await getStaffByEmail(kv, email);
  const matches = await verifyPassword(attempt.password, staff?.passwordHash ?? await dummy());
  const membership = staff ? await getMembership(kv, attempt.tenantId, staff.id) : null;
  const from = { ip: attempt.ip, userAgent: attempt.userAgent };
  if (!staff || !matches || !membership) {
    if (audit) {
      await recordAudit(audit, {
        // The person's id only when they belong to this studio: its log must not reveal other accounts.
        actor: { type: "staff", id: membership ? staff!.id : undefined, label: email },
        action: "auth.sign_in_failed",
        ...from,
      });
    }
    if (staff && !matches && lockout) await noticeLockoutIfLocked(kv, lockout, staff, SIGN_IN_PER_ACCOUNT);
    throw new SignInRefused();
  }

  await resetRateLimit(kv, SIGN_IN_PER_ACCOUNT, email);
  if (needsRehash(staff.passwordHash!)) await setPassword(kv, staff.id, await hashPassword(attempt.password));
  return await startSignedIn(kv, staff, { tenantId: attempt.tenantId, next: attempt.next, ...from }, audit);
}

/**
 * After the person proved who they are by a password (or a reset link): a session, or the two-factor
 * challenge when they have it on. Audited as `auth.sign_in` or `auth.sign_in_needs_second_factor`.
 */
export async function startSignedIn(
  kv: Deno.Kv,
  staff: { id: string; email: string },
  at: { tenantId: string; next?: string; ip?: string; userAgent?: string },
  audit?: AuditWriter,
): Promise<SignInOutcome> {
  const from = { ip: at.ip, userAgent: at.userAgent };
  // A studio that requires SSO takes no password (or reset link) for anyone but its owners.
  await refuseIfSsoOnly(kv, staff, at, audit);
  const actor = { type: "staff" as const, id: staff.id, label: staff.email };
  if (await getTwoFactor(kv, staff.id)) {
    const { token, challenge } = await issueChallenge(kv, {
      staffId: staff.id,
      tenantId: at.tenantId,
      next: at.next ?? "",
    });
    if (audit) await recordAudit(audit, { actor, action: "auth.sign_in_needs_second_factor", ...from });
    return { status: "second_factor", challengeToken: token, challenge };
  }
  const started = await createSession(kv, { staffId: staff.id, tenantId: at.tenantId, ...from });
  if (audit) await recordAudit(audit, { actor, action: "auth.sign_in", ...from });
  return { status: "signed_in", ...started };
}

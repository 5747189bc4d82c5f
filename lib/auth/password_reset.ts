/**
 * "Forgot your password?": a single-use link, valid for 30 minutes, e-mailed to a member of the
 * studio, that lets them choose a new password (OWASP Forgot Password Cheat Sheet).
 *
 * - The answer to a request is the same whether or not the address has an account, and so is its
 *   timing: the token and the e-mail are made in the background, and every request is rate limited
 *   and audited alike.
 * - The token is stored hashed (lib/kv/email_tokens.ts), bound to the studio and the address it was
 *   sent to, and void once the password changes by any route.
 * - A reset ends every session of the person in every studio, then signs them in here.
 *
 * ```ts
 * await requestPasswordReset(kv, mailer, { tenantId, studioName, email, ip, locale, linkFor }, db);
 * const { token } = await resetPassword(kv, { tenantId, token: linkToken, password, ip }, db);
 * ```
 */
import { type AuditWriter, recordAudit } from "../audit/audit.ts";
import { RateLimitedError, ValidationError } from "../errors.ts";
import type { Locale } from "../i18n/mod.ts";
import { consumeEmailToken, type EmailToken, findEmailToken, issueEmailToken } from "../kv/email_tokens.ts";
import { hitRateLimit, type RateLimitRule, resetRateLimit } from "../kv/rate_limits.ts";
import { revokeAllSessions } from "../kv/sessions.ts";
import {
  getMembership,
  getStaff,
  getStaffByEmail,
  markEmailVerified,
  normalizeEmail,
  setPassword,
  type StaffIdentity,
} from "../kv/staff.ts";
import { type Mailer, sendInBackground } from "../mail/mailer.ts";
import { passwordResetMail } from "./account_mail.tsx";
import { ResourceValidationError } from "../scheduling/resource_validation.ts";
import { hashPassword, passwordRuleProblem } from "./password.ts";
import { SIGN_IN_PER_ACCOUNT, type SignInOutcome, startSignedIn } from "./sign_in.ts";

/** Links requested for one address (known or not): enough for a lost e-mail or two, not a mail bomb. */
export const RESET_REQUESTS_PER_EMAIL: RateLimitRule = {
  name: "password-reset:email",
  limit: 5,
  windowMs: 60 * 60_000,
};
/** Requests from one client address, whatever the e-mail: slows probing for accounts. */
export const RESET_REQUESTS_PER_ADDRESS: RateLimitRule = {
  name: "password-reset:address",
  limit: 20,
  windowMs: 60 * 60_000,
};

export interface ResetRequest {
  tenantId: string;
  /** The studio's name, for the e-mail. */
  studioName: string;
  email: string;
  ip: string;
  userAgent?: string;
  /** The language of the e-mail. */
  locale: Locale;
  /** The absolute reset link for a token, on the studio address the request came to. */
  linkFor: (token: string) => string;
}

/** The link is unknown, used, expired, for another studio, or made void by a later password change. */
export class ResetLinkInvalid extends ValidationError {
  constructor() {
    super({ token: "This link has expired or was already used." }, "Reset link refused.");
  }
}

/**
 * Sends a reset link when `email` belongs to a member of the studio, and does nothing visible
 * otherwise. Throws RateLimitedError past the limits (for any address, known or not), and a
 * ValidationError for an empty or malformed e-mail. `delivered` settles when the e-mail has gone
 * (or failed, which is logged); the caller should not wait for it before answering.
 */
export async function requestPasswordReset(
  kv: Deno.Kv,
  mailer: Mailer,
  request: ResetRequest,
  audit?: AuditWriter,
): Promise<{ delivered: Promise<void> }> {
  const email = normalizeEmail(request.email);
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new ValidationError({ email: "Enter an e-mail address." });
  for (
    const [rule, subject] of [[RESET_REQUESTS_PER_ADDRESS, request.ip], [
      RESET_REQUESTS_PER_EMAIL,
      email,
    ]] as const
  ) {
    const limit = await hitRateLimit(kv, rule, subject);
    if (!limit.allowed) {
      throw new RateLimitedError(limit.retryAfterSeconds, "Too many password reset requests. Wait a while.");
    }
  }
  const staff = await getStaffByEmail(kv, email);
  const member = staff ? await getMembership(kv, request.tenantId, staff.id) : null;
  if (audit) {
    await recordAudit(audit, {
      // The person's id only when they belong to this studio: its log must not reveal other accounts.
      actor: { type: "staff", id: member ? staff!.id : undefined, label: email },
      action: "auth.password_reset_requested",
      ip: request.ip,
      userAgent: request.userAgent,
    });
  }
  if (!staff || !member) return { delivered: Promise.resolve() };

  const prepare = async () => {
    const token = await issueEmailToken(kv, "reset", {
      staffId: staff.id,
      tenantId: request.tenantId,
      email: staff.email,
    });
    return passwordResetMail(request.locale, {
      to: staff.email,
      name: staff.name,
      studio: request.studioName,
      link: request.linkFor(token),
    });
  };
  return { delivered: sendInBackground(mailer, prepare, { staffId: staff.id, tenantId: request.tenantId }) };
}

/** The person a reset link is for while it still works (to show its form), else null. */
export async function findPasswordReset(
  kv: Deno.Kv,
  token: string,
  tenantId: string,
): Promise<StaffIdentity | null> {
  const record = await findEmailToken(kv, "reset", token, tenantId);
  return record && await stillValid(kv, record);
}

export interface NewPassword {
  tenantId: string;
  /** The token from the link. */
  token: string;
  password: string;
  ip: string;
  userAgent?: string;
}

/**
 * Sets the new password of the link's owner, uses the link up, ends all of their sessions and
 * starts a new one in this studio (returned for the cookie), or, when they have two-factor
 * authentication on, a challenge for their code: a reset link proves the inbox, not the second
 * factor. A weak password is a ValidationError on `password` and leaves the link usable; a bad link
 * is {@link ResetLinkInvalid}.
 */
export async function resetPassword(
  kv: Deno.Kv,
  input: NewPassword,
  audit?: AuditWriter,
): Promise<{ staff: StaffIdentity } & SignInOutcome> {
  const staff = await findPasswordReset(kv, input.token, input.tenantId);
  if (!staff) throw new ResetLinkInvalid();
  const problem = passwordRuleProblem(input.password, { email: staff.email, name: staff.name });
  if (problem) throw new ResourceValidationError({ password: problem });
  const passwordHash = await hashPassword(input.password);
  // Used up before anything changes: of two submissions of one link, only one sets a password.
  const record = await consumeEmailToken(kv, "reset", input.token, input.tenantId);
  if (!record || record.staffId !== staff.id) throw new ResetLinkInvalid();

  const updated = await setPassword(kv, staff.id, passwordHash);
  // The link reached the inbox, which proves the address as well as a verification link would.
  const verified = updated.emailVerifiedAt ? updated : await markEmailVerified(kv, staff.id, record.email);
  await revokeAllSessions(kv, staff.id);
  // Whoever was locked out by wrong guesses has just proved who they are.
  await resetRateLimit(kv, SIGN_IN_PER_ACCOUNT, staff.email);
  const from = { ip: input.ip, userAgent: input.userAgent };
  const started = await startSignedIn(kv, staff, { tenantId: input.tenantId, ...from });
  if (audit) {
    await recordAudit(audit, {
      actor: { type: "staff", id: staff.id, label: staff.email },
      action: "auth.password_reset",
      entity: { type: "staff", id: staff.id },
      ...from,
    });
  }
  return { staff: verified, ...started };
}

/**
 * The token's person, if the link still applies to them: same address, still a member of the
 * studio, and no password change since the link was sent (a reset by any route voids older links).
 */
async function stillValid(kv: Deno.Kv, record: EmailToken): Promise<StaffIdentity | null> {
  const [staff, member] = await Promise.all([
    getStaff(kv, record.staffId),
    getMembership(kv, record.tenantId, record.staffId),
  ]);
  if (!staff || !member || staff.email !== record.email) return null;
  if (staff.passwordChangedAt && Date.parse(staff.passwordChangedAt) > Date.parse(record.createdAt)) {
    return null;
  }
  return staff;
}

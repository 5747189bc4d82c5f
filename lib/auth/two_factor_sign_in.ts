/**
 * The second step of signing in for a person with two-factor authentication on: the password was
 * right (lib/auth/sign_in.ts opened a challenge), now a code from the app or a backup code turns the
 * challenge into a session. The challenge is bound to the studio, expires after 10 minutes and is
 * used up by the first right code; wrong codes are rate limited per person (lib/auth/two_factor.ts).
 *
 * ```ts
 * const { token, next } = await completeSignIn(kv, box, { tenantId, challengeToken, proof: { code }, ip });
 * ```
 */
import { type AuditWriter, recordAudit } from "../audit/audit.ts";
import type { SecretBox } from "../crypto/secret_box.ts";
import { UnauthorizedError } from "../errors.ts";
import { createSession, type Session } from "../kv/sessions.ts";
import { getMember } from "../kv/staff.ts";
import { consumeChallenge, findChallenge, type SignInChallenge } from "../kv/two_factor.ts";
import { type SecondFactorProof, TwoFactorStateConflict, verifySecondFactor } from "./two_factor.ts";

export interface SecondStep {
  tenantId: string;
  /** The token from the challenge cookie. */
  challengeToken: string;
  proof: SecondFactorProof;
  ip: string;
  userAgent?: string;
}

/**
 * The challenge is unknown, used, expired, for another studio, or no longer applies (the person
 * left the studio or turned 2FA off meanwhile): sign in again.
 */
export class ChallengeExpired extends UnauthorizedError {
  constructor() {
    super("This sign-in step has expired. Sign in again.");
    this.name = "ChallengeExpired";
  }
}

/** The live challenge of a cookie's token, to show the code form only when it can still work. */
export async function findSignInChallenge(
  kv: Deno.Kv,
  challengeToken: string | undefined,
  tenantId: string,
): Promise<SignInChallenge | null> {
  return challengeToken ? (await findChallenge(kv, challengeToken, tenantId))?.value ?? null : null;
}

/**
 * Checks the code and starts the session. Throws SecondFactorRefused (a field error), a
 * RateLimitedError past the limits, or ChallengeExpired.
 */
export async function completeSignIn(
  kv: Deno.Kv,
  box: SecretBox,
  step: SecondStep,
  audit?: AuditWriter,
  now = Date.now(),
): Promise<
  { token: string; session: Session; next: string; method: "totp" | "backup_code"; backupCodesLeft: number }
> {
  const challenge = await findChallenge(kv, step.challengeToken, step.tenantId, now);
  const member = challenge && await getMember(kv, step.tenantId, challenge.value.staffId);
  if (!challenge || !member) throw new ChallengeExpired();
  const from = { ip: step.ip, userAgent: step.userAgent };
  const actor = { staffId: member.staff.id, email: member.staff.email, ...from };
  let used;
  try {
    used = await verifySecondFactor(kv, box, actor, step.proof, audit, now);
  } catch (err) {
    if (err instanceof TwoFactorStateConflict) throw new ChallengeExpired();
    throw err;
  }
  // Two tabs sending two right codes for one challenge: one session, not two.
  if (!(await consumeChallenge(kv, challenge))) throw new ChallengeExpired();
  const started = await createSession(kv, { staffId: member.staff.id, tenantId: step.tenantId, ...from });
  if (audit) {
    await recordAudit(audit, {
      actor: { type: "staff", id: member.staff.id, label: member.staff.email },
      action: "auth.sign_in",
      changes: { secondFactor: { after: used.method } },
      ...from,
    });
  }
  return { ...started, next: challenge.value.next, ...used };
}

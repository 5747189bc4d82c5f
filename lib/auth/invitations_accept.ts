/**
 * Journey 3, the invited side: opening an invitation link and joining the studio through it.
 *
 * - A new person gives a name and a password (the sign-up rules of lib/auth/password.ts); identity,
 *   membership, verified address and the used-up invitation commit in one KV atomic operation.
 * - A person who already has an account proves it with their password (rate limited and
 *   lockout-noticed like sign-in), then joins in one atomic operation with the invitation.
 * - Either way the link proved the inbox, so the address counts as verified, and the person ends up
 *   signed in here (or, with two-factor authentication on, asked for their code).
 * - Withdrawn, replaced, used, expired and other studios' links are all InvitationInvalid.
 *
 * ```ts
 * const opened = await openInvitation(kv, token, tenant.id); // null → "can no longer be used"
 * const joined = await acceptAsNewPerson(kv, { tenantId, token, name, password, ip }, studio.db);
 * ```
 */
import { type AuditWriter, recordAudit } from "../audit/audit.ts";
import { ConflictError, RateLimitedError, ValidationError } from "../errors.ts";
import {
  consumeInvitation,
  consumeInvitationIn,
  findInvitation,
  type Invitation,
} from "../kv/invitations.ts";
import { hitRateLimit, resetRateLimit } from "../kv/rate_limits.ts";
import {
  createMember,
  getMembership,
  getStaff,
  getStaffByEmail,
  joinStudio,
  type Membership,
  type StaffIdentity,
} from "../kv/staff.ts";
import { type LockoutNotifier, noticeLockoutIfLocked } from "./lockout_notice.ts";
import { type Problem, ResourceValidationError } from "../scheduling/resource_validation.ts";
import { hashPassword, passwordRuleProblem, verifyPassword } from "./password.ts";
import { SIGN_IN_PER_ACCOUNT, SIGN_IN_PER_ADDRESS, type SignInOutcome, startSignedIn } from "./sign_in.ts";

/** The link is unknown, used, withdrawn, replaced, expired or for another studio. */
export class InvitationInvalid extends ValidationError {
  constructor() {
    super(
      { token: "This invitation has expired, was withdrawn or was already used." },
      "Invitation refused.",
    );
    this.name = "InvitationInvalid";
  }
}

/** An existing account's password did not match. */
export class InvitationPasswordWrong extends ValidationError {
  constructor() {
    super({ password: "The password is not right." }, "Invitation refused.");
    this.name = "InvitationPasswordWrong";
  }
}

/** What the invitation page shows for a live link. */
export interface OpenInvitation {
  invitation: Invitation;
  /** The account that already has the invited address, if any: it signs in instead of signing up. */
  person: StaffIdentity | null;
  /** The name of whoever sent it, while they have an account. */
  inviterName?: string;
}

/** The invitation behind a link, or null when it can no longer be used (never an error). */
export async function openInvitation(
  kv: Deno.Kv,
  token: string,
  tenantId: string,
): Promise<OpenInvitation | null> {
  const entry = await findInvitation(kv, token, tenantId);
  if (!entry) return null;
  const [person, inviter] = await Promise.all([
    getStaffByEmail(kv, entry.value.email),
    getStaff(kv, entry.value.invitedBy),
  ]);
  return { invitation: entry.value, person, inviterName: inviter?.name };
}

export interface Acceptance {
  tenantId: string;
  /** The token from the link. */
  token: string;
  ip: string;
  userAgent?: string;
  /** Where to go once signed in, kept across a two-factor step. */
  next?: string;
}

/** A person who joined (or was a member already), and how they are signed in now. */
export type Joined = { staff: StaffIdentity; membership: Membership } & SignInOutcome;

/**
 * Creates the invited person's account (name and password, the address verified by the link) and
 * their membership, using the invitation up, in one atomic operation; then signs them in here. A bad
 * name or a weak password is a ValidationError on `name`/`password` that leaves the link usable; an
 * address that has an account by now is a ConflictError (the page then asks for its password).
 */
export async function acceptAsNewPerson(
  kv: Deno.Kv,
  input: Acceptance & { name: string; password: string },
  audit: AuditWriter,
): Promise<Joined> {
  const entry = await findInvitation(kv, input.token, input.tenantId);
  if (!entry) throw new InvitationInvalid();
  const { email, role } = entry.value;
  const name = input.name.trim();
  const problems: Record<string, Problem> = {};
  if (!name) problems.name = { text: "Enter your name." };
  const problem = passwordRuleProblem(input.password, { email, name });
  if (problem) problems.password = problem;
  if (Object.keys(problems).length > 0) throw new ResourceValidationError(problems);
  const passwordHash = await hashPassword(input.password);
  const created = await createMember(
    kv,
    { email, name, passwordHash, emailVerifiedAt: new Date().toISOString() },
    input.tenantId,
    role,
    (operation) => consumeInvitationIn(operation, entry),
  );
  if (!created) throw new InvitationInvalid();
  await auditJoined(audit, created.staff, entry.value, input);
  return { ...created, ...await startSignedIn(kv, created.staff, input, audit) };
}

/**
 * Adds the studio to an existing account: the account's password proves it is theirs (rate limited
 * and lockout-noticed like sign-in), and joining uses the invitation up in the same atomic operation.
 * An account without a password yet (invited before, single sign-on) chooses one here, under the
 * sign-up rules, since the link proves the inbox as a reset link would. With two-factor
 * authentication on, the outcome is a challenge rather than a session.
 */
export async function acceptWithPassword(
  kv: Deno.Kv,
  input: Acceptance & { password: string },
  audit: AuditWriter,
  lockout?: LockoutNotifier,
): Promise<Joined> {
  const entry = await findInvitation(kv, input.token, input.tenantId);
  if (!entry) throw new InvitationInvalid();
  const email = entry.value.email;
  for (const [rule, subject] of [[SIGN_IN_PER_ADDRESS, input.ip], [SIGN_IN_PER_ACCOUNT, email]] as const) {
    const limit = await hitRateLimit(kv, rule, subject);
    if (!limit.allowed) {
      throw new RateLimitedError(limit.retryAfterSeconds, "Too many sign-in attempts. Wait a few minutes.");
    }
  }
  const person = await getStaffByEmail(kv, email);
  if (!person) throw new InvitationInvalid();
  let passwordHash: string | undefined;
  if (person.passwordHash) {
    if (!(await verifyPassword(input.password, person.passwordHash))) {
      await recordAudit(audit, {
        // No id: the person is not a member here yet, and the log must not reveal other accounts.
        actor: { type: "staff", label: email },
        action: "auth.sign_in_failed",
        ip: input.ip,
        userAgent: input.userAgent,
      });
      if (lockout) await noticeLockoutIfLocked(kv, lockout, person, SIGN_IN_PER_ACCOUNT);
      throw new InvitationPasswordWrong();
    }
  } else {
    const problem = passwordRuleProblem(input.password, { email, name: person.name });
    if (problem) throw new ResourceValidationError({ password: problem });
    passwordHash = await hashPassword(input.password);
  }
  await resetRateLimit(kv, SIGN_IN_PER_ACCOUNT, email);
  const { staff, membership, joined } = await join(kv, entry, person, passwordHash);
  if (joined) await auditJoined(audit, staff, entry.value, input);
  return { staff, membership, ...await startSignedIn(kv, staff, input, audit) };
}

/**
 * The invited person is signed in here already (so a member: sessions are per studio): the link is
 * used up and nothing else changes.
 */
export async function acceptAsSignedIn(
  kv: Deno.Kv,
  input: { tenantId: string; token: string; staffId: string },
): Promise<Membership> {
  const entry = await findInvitation(kv, input.token, input.tenantId);
  const person = await getStaff(kv, input.staffId);
  if (!entry || !person || person.email !== entry.value.email) throw new InvitationInvalid();
  return (await join(kv, entry, person)).membership;
}

/**
 * Joins with the invitation's role and uses the invitation up, in one atomic operation (with the
 * address verified and, for an account without one, the new password). Someone who is a member
 * already keeps their role; the invitation is used up all the same.
 */
async function join(
  kv: Deno.Kv,
  entry: Deno.KvEntry<Invitation>,
  person: StaffIdentity,
  passwordHash?: string,
): Promise<{ staff: StaffIdentity; membership: Membership; joined: boolean }> {
  const { tenantId, role, email } = entry.value;
  try {
    const joined = await joinStudio(kv, tenantId, person.id, role, {
      alsoIn: (operation) => consumeInvitationIn(operation, entry),
      verifiedEmail: email,
      passwordHash,
    });
    if (!joined) throw new InvitationInvalid();
    return { ...joined, joined: true };
  } catch (err) {
    const alreadyMember = err instanceof ConflictError &&
      err.conflicts.some((conflict) => conflict.reason === "already-member");
    if (!alreadyMember) throw err;
    if (!(await consumeInvitation(kv, entry))) throw new InvitationInvalid();
    const membership = await getMembership(kv, tenantId, person.id);
    if (!membership) throw new InvitationInvalid();
    return { staff: person, membership, joined: false };
  }
}

async function auditJoined(
  audit: AuditWriter,
  staff: StaffIdentity,
  invitation: Invitation,
  from: { ip?: string; userAgent?: string },
): Promise<void> {
  await recordAudit(audit, {
    actor: { type: "staff", id: staff.id, label: staff.email },
    action: "member.joined",
    entity: { type: "staff", id: staff.id },
    changes: { role: { after: invitation.role }, invitedBy: { after: invitation.invitedBy } },
    ip: from.ip,
    userAgent: from.userAgent,
  });
}

/**
 * Journey 3, the inviting side: an owner invites people to the studio by e-mail, sends an invitation
 * again or withdraws it. Accepting is lib/auth/invitations_accept.ts.
 *
 * - Inviting needs "members.manage"; the role must be one the inviter may give (lib/auth/members.ts).
 *   An address that is already a member is refused; inviting an address again replaces its link.
 * - The link works once, for 7 days, at the inviting studio's address only; KV holds only the hash of
 *   its token (lib/kv/invitations.ts).
 * - The e-mail speaks the language chosen by the caller (the studio's); a failure to send it is
 *   reported, not thrown: the invitation is saved and can be sent again.
 *
 * ```ts
 * const { delivered } = await inviteMember(kv, mailer, {
 *   tenant, actor, email: "eli@example.com", role: "engineer", locale: "en",
 *   linkFor: (token) => `${origin}/invite?token=${token}`,
 * }, studio.db);
 * ```
 */
import { type AuditWriter, recordAudit } from "../audit/audit.ts";
import { log } from "../http/logger.ts";
import type { Locale } from "../i18n/mod.ts";
import {
  getInvitation,
  type Invitation,
  issueInvitation,
  listInvitations,
  revokeInvitation,
} from "../kv/invitations.ts";
import { getMembership, getStaff, getStaffByEmail, normalizeEmail, type Role } from "../kv/staff.ts";
import type { Tenant } from "../kv/tenants.ts";
import type { Mailer } from "../mail/mailer.ts";
import { invitationMail } from "./account_mail.tsx";
import {
  type Actor,
  assignableRoles,
  MemberChangeRefused,
  type MemberProblem,
  type Origin,
  parseAssignableRole,
} from "./members.ts";
import { requirePermission } from "./permissions.ts";

// Loose on purpose, like the staff module's own check: the invitation e-mail is the real test.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// RFC 5321 caps a forward path at 256 octets including the brackets.
const MAX_EMAIL_LENGTH = 254;

export interface InviteRequest {
  tenant: Pick<Tenant, "id" | "name">;
  actor: Actor;
  email: string;
  /** As submitted; checked against what the actor may give. */
  role: string;
  /** The language of the e-mail. */
  locale: Locale;
  /** The absolute invitation link for a token, on the studio's address. */
  linkFor: (token: string) => string;
  from?: Origin;
}

/** The outcome of sending an invitation: it is saved even when its e-mail could not be sent. */
export interface Sent {
  invitation: Invitation;
  /** False when the mailer refused the message (logged); "send again" retries with a new link. */
  delivered: boolean;
}

/**
 * Invites `email` to the studio with `role`, replacing any earlier invitation of that address, and
 * e-mails the link. Refusals (bad address, a member already, a role the actor may not give) are a
 * MemberChangeRefused naming each field. Audited as `member.invited`.
 */
export async function inviteMember(
  kv: Deno.Kv,
  mailer: Mailer,
  request: InviteRequest,
  audit: AuditWriter,
): Promise<Sent> {
  requirePermission(request.actor.role, "members.manage");
  const email = normalizeEmail(request.email);
  const problems: Record<string, MemberProblem> = {};
  if (email.length > MAX_EMAIL_LENGTH || !EMAIL.test(email)) problems.email = "email_invalid";
  let role: Role | undefined;
  try {
    role = parseAssignableRole(request.actor.role, request.role);
  } catch (err) {
    if (!(err instanceof MemberChangeRefused)) throw err;
    Object.assign(problems, err.problems);
  }
  if (!problems.email) {
    const person = await getStaffByEmail(kv, email);
    if (person && await getMembership(kv, request.tenant.id, person.id)) problems.email = "already_member";
  }
  if (!role || Object.keys(problems).length > 0) throw new MemberChangeRefused(problems);
  return await issueAndSend(kv, mailer, { ...request, email, role }, "member.invited", audit);
}

export interface InvitationChange {
  tenant: Pick<Tenant, "id" | "name">;
  actor: Actor;
  email: string;
  from?: Origin;
}

/**
 * Sends a pending invitation again with a fresh link (the old one stops working) and its original
 * role and language. Audited as `invitation.resent`.
 */
export async function resendInvitation(
  kv: Deno.Kv,
  mailer: Mailer,
  request: InvitationChange & { linkFor: (token: string) => string },
  audit: AuditWriter,
): Promise<Sent> {
  requirePermission(request.actor.role, "members.manage");
  const pending = await getInvitation(kv, request.tenant.id, request.email);
  if (!pending) throw new MemberChangeRefused({ email: "no_invitation" });
  if (!assignableRoles(request.actor.role).includes(pending.role)) {
    throw new MemberChangeRefused({ email: "role_not_allowed" });
  }
  return await issueAndSend(
    kv,
    mailer,
    { ...request, email: pending.email, role: pending.role, locale: pending.locale },
    "invitation.resent",
    audit,
  );
}

/** Withdraws a pending invitation; its link stops working at once. Audited as `invitation.revoked`. */
export async function withdrawInvitation(
  kv: Deno.Kv,
  request: InvitationChange,
  audit: AuditWriter,
): Promise<Invitation> {
  requirePermission(request.actor.role, "members.manage");
  const pending = await getInvitation(kv, request.tenant.id, request.email);
  if (!pending) throw new MemberChangeRefused({ email: "no_invitation" });
  if (!assignableRoles(request.actor.role).includes(pending.role)) {
    throw new MemberChangeRefused({ email: "role_not_allowed" });
  }
  const revoked = await revokeInvitation(kv, request.tenant.id, pending.email);
  if (!revoked) throw new MemberChangeRefused({ email: "no_invitation" });
  await recordAudit(audit, {
    actor: { type: "staff", id: request.actor.id, label: request.actor.email },
    action: "invitation.revoked",
    entity: { type: "invitation", id: revoked.id },
    changes: { email: { before: revoked.email }, role: { before: revoked.role } },
    ...request.from,
  });
  return revoked;
}

/** A studio's pending invitations, newest first. */
export async function pendingInvitations(kv: Deno.Kv, tenantId: string): Promise<Invitation[]> {
  return (await listInvitations(kv, tenantId)).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

async function issueAndSend(
  kv: Deno.Kv,
  mailer: Mailer,
  request: Omit<InviteRequest, "role"> & { role: Role },
  action: "member.invited" | "invitation.resent",
  audit: AuditWriter,
): Promise<Sent> {
  const { tenant, actor, email, role, locale } = request;
  const { token, invitation, replaced } = await issueInvitation(kv, {
    tenantId: tenant.id,
    email,
    role,
    invitedBy: actor.id,
    locale,
  });
  const [person, inviter] = await Promise.all([getStaffByEmail(kv, email), getStaff(kv, actor.id)]);
  let delivered = true;
  try {
    await mailer.send(invitationMail(locale, {
      to: email,
      name: person?.name,
      studio: tenant.name,
      inviter: inviter?.name,
      role,
      link: request.linkFor(token),
    }));
  } catch (error) {
    delivered = false;
    // The body carries a live link, so only the invitation's id is logged.
    log.error("sending an invitation failed", { tenantId: tenant.id, invitationId: invitation.id, error });
  }
  await recordAudit(audit, {
    actor: { type: "staff", id: actor.id, label: actor.email },
    action,
    entity: { type: "invitation", id: invitation.id },
    changes: {
      email: { after: email },
      role: { after: role },
      ...(replaced ? { replaces: { before: replaced.id } } : {}),
    },
    ...request.from,
  });
  return { invitation, delivered };
}

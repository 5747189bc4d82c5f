/**
 * A studio's team: who belongs to it with which role, changing a member's role and removing a member.
 * Only roles holding "members.manage" change the team (docs/PERMISSIONS.md). A change ends the
 * member's sessions in this studio (their other studios keep theirs) and is audited.
 *
 * ```ts
 * await changeMemberRole(kv, { tenantId, actor, staffId, role: "bookkeeper" }, studio.db);
 * await removeMember(kv, { tenantId, actor, staffId }, studio.db); // last owner: MemberChangeRefused
 * ```
 */
import { type AuditWriter, recordAudit } from "../audit/audit.ts";
import { ConflictError, ValidationError } from "../errors.ts";
import { revokeStudioSessions } from "../kv/sessions.ts";
import {
  addMembership,
  getMembership,
  getStaff,
  listMembers,
  type Membership,
  removeMembership,
  type Role,
  ROLES,
  type StaffIdentity,
} from "../kv/staff.ts";
import { can, requirePermission } from "./permissions.ts";

/** Why a team change was refused, for the page to say in the reader's language. */
export type MemberProblem =
  | "email_invalid"
  | "already_member"
  | "role_invalid"
  | "role_not_allowed"
  | "last_owner"
  | "not_member"
  | "no_invitation";

const PROBLEM_TEXT: Record<MemberProblem, string> = {
  email_invalid: "Enter an e-mail address, like ana@example.com.",
  already_member: "This person is already a member of the studio.",
  role_invalid: "Choose one of the roles.",
  role_not_allowed: "You cannot give this role.",
  last_owner: "A studio needs at least one owner; make someone else owner first.",
  not_member: "This person is no longer a member of the studio.",
  no_invitation: "This invitation is no longer pending.",
};

/**
 * A team change refused for a reason the person making it can fix. `problems` maps each form field
 * to a reason code that pages translate; `fields` (and problem JSON) carry the English text.
 */
export class MemberChangeRefused extends ValidationError {
  constructor(readonly problems: Record<string, MemberProblem>) {
    super(
      Object.fromEntries(Object.entries(problems).map(([field, problem]) => [field, PROBLEM_TEXT[problem]])),
      "The team change was refused.",
    );
    this.name = "MemberChangeRefused";
  }
}

/** Who makes a team change: the signed-in member (lib/http/staff_session.ts StaffContext). */
export interface Actor {
  id: string;
  email: string;
  role: Role;
  /** The session the change is made from; spared when the actor changes their own membership. */
  sessionId?: string;
}

/** Where a request came from, for the audit log. */
export interface Origin {
  ip?: string;
  userAgent?: string;
}

/** Order of roles on the team page: most responsibility first. */
const ROLE_ORDER: Record<Role, number> = Object.fromEntries(ROLES.map((role, i) => [role, i])) as Record<
  Role,
  number
>;

/** The roles `actor` may give: an owner any, another role holding "members.manage" any but owner. */
export function assignableRoles(actor: Role): Role[] {
  if (!can(actor, "members.manage")) return [];
  return actor === "owner" ? [...ROLES] : ROLES.filter((role) => role !== "owner");
}

/** A role from a form, checked against what `actor` may give; refusals name `field`. */
export function parseAssignableRole(actor: Role, value: string, field = "role"): Role {
  const role = ROLES.find((candidate) => candidate === value);
  if (!role) throw new MemberChangeRefused({ [field]: "role_invalid" });
  if (!assignableRoles(actor).includes(role)) throw new MemberChangeRefused({ [field]: "role_not_allowed" });
  return role;
}

export interface TeamMember {
  staffId: string;
  name: string;
  email: string;
  role: Role;
  /** ISO instant the membership began. */
  joinedAt: string;
  emailVerified: boolean;
}

/** A studio's members with their names, owners first, then by name. */
export async function listTeam(kv: Deno.Kv, tenantId: string): Promise<TeamMember[]> {
  const memberships = await listMembers(kv, tenantId);
  const people = await Promise.all(memberships.map((membership) => getStaff(kv, membership.staffId)));
  const team = memberships.flatMap((membership, i) => {
    const staff = people[i];
    return staff
      ? [{
        staffId: staff.id,
        name: staff.name,
        email: staff.email,
        role: membership.role,
        joinedAt: membership.createdAt,
        emailVerified: Boolean(staff.emailVerifiedAt),
      }]
      : [];
  });
  return team.sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.name.localeCompare(b.name));
}

export interface RoleChange {
  tenantId: string;
  actor: Actor;
  staffId: string;
  /** As submitted; checked with parseAssignableRole. */
  role: string;
  from?: Origin;
}

/**
 * Gives a member another role. The same role again changes nothing. Demoting the last owner, or a
 * role the actor may not give or take away, is a MemberChangeRefused on `role`; a person who is not a
 * member one on `member`. The member's sessions in this studio end (except the actor's own current
 * one), so they start again under the new role.
 */
export async function changeMemberRole(
  kv: Deno.Kv,
  change: RoleChange,
  audit: AuditWriter,
): Promise<{ before: Role; after: Role; sessionsEnded: number }> {
  const { actor, tenantId, staffId } = change;
  requirePermission(actor.role, "members.manage");
  const after = parseAssignableRole(actor.role, change.role);
  const current = await getMembership(kv, tenantId, staffId);
  if (!current) throw new MemberChangeRefused({ member: "not_member" });
  if (!assignableRoles(actor.role).includes(current.role)) {
    throw new MemberChangeRefused({ role: "role_not_allowed" });
  }
  if (current.role === after) return { before: after, after, sessionsEnded: 0 };
  try {
    await addMembership(kv, tenantId, staffId, after);
  } catch (err) {
    if (isLastOwner(err)) throw new MemberChangeRefused({ role: "last_owner" });
    throw err;
  }
  const sessionsEnded = await revokeStudioSessions(kv, staffId, tenantId, keepOwn(actor, staffId));
  await recordAudit(audit, {
    actor: { type: "staff", id: actor.id, label: actor.email },
    action: "member.role_changed",
    entity: { type: "staff", id: staffId },
    changes: { role: { before: current.role, after } },
    ...change.from,
  });
  return { before: current.role, after, sessionsEnded };
}

export interface Removal {
  tenantId: string;
  actor: Actor;
  staffId: string;
  from?: Origin;
}

/**
 * Takes a member out of the studio and ends their sessions in it; their identity and other studios
 * stay. The last owner cannot be removed (MemberChangeRefused on `member`).
 */
export async function removeMember(
  kv: Deno.Kv,
  removal: Removal,
  audit: AuditWriter,
): Promise<{ membership: Membership; staff: StaffIdentity | null; sessionsEnded: number }> {
  const { actor, tenantId, staffId } = removal;
  requirePermission(actor.role, "members.manage");
  const current = await getMembership(kv, tenantId, staffId);
  if (!current) throw new MemberChangeRefused({ member: "not_member" });
  if (!assignableRoles(actor.role).includes(current.role)) {
    throw new MemberChangeRefused({ member: "role_not_allowed" });
  }
  let membership: Membership;
  try {
    membership = await removeMembership(kv, tenantId, staffId);
  } catch (err) {
    if (isLastOwner(err)) throw new MemberChangeRefused({ member: "last_owner" });
    throw err;
  }
  const sessionsEnded = await revokeStudioSessions(kv, staffId, tenantId);
  const staff = await getStaff(kv, staffId);
  await recordAudit(audit, {
    actor: { type: "staff", id: actor.id, label: actor.email },
    action: "member.removed",
    entity: { type: "staff", id: staffId },
    // The person is gone from the team page; the log keeps who they were.
    changes: { email: { before: staff?.email ?? null }, role: { before: membership.role } },
    ...removal.from,
  });
  return { membership, staff, sessionsEnded };
}

function isLastOwner(err: unknown): boolean {
  return err instanceof ConflictError && err.conflicts.some((conflict) => conflict.reason === "last-owner");
}

// Someone changing their own role keeps the session they did it from: they just proved who they are.
function keepOwn(actor: Actor, staffId: string): { keep?: string } {
  return actor.id === staffId && actor.sessionId ? { keep: actor.sessionId } : {};
}

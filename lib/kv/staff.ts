/**
 * Staff identities (the people who run studios) and their memberships in studios. One identity may
 * belong to several studios, with one role in each.
 *
 * Key shapes:
 *
 *   ["staff", id]                             → StaffIdentity   ids are "u_" + ULID
 *   ["staff_emails", email]                   → id              unique; e-mail trimmed, lowercase
 *   ["memberships", tenantId, staffId]        → Membership      lists a studio's members
 *   ["staff_memberships", staffId, tenantId]  → Role            lists a person's studios
 *
 * Index entries hold ids (the reverse membership index also holds the role, so a studio switcher
 * needs one list), and every index entry is written in the same atomic operation as its record.
 * Reads still follow an index defensively: an entry whose record is missing or disagrees is skipped.
 */
import { ConflictError, NotFoundError, ValidationError } from "../errors.ts";
import { retryOnConflict } from "./retry.ts";
import { isPasswordHash } from "../auth/password.ts";
import { newId } from "./ids.ts";
import { getTenant } from "./tenants.ts";
import { deleteListed } from "./batch_delete.ts";

export const STAFF_ID_PREFIX = "u";
export const ROLES = ["owner", "admin", "manager", "engineer", "bookkeeper"] as const;
export type Role = (typeof ROLES)[number];

export interface StaffIdentity {
  /** `u_` + ULID, from `newId("u")`. */
  id: string;
  /** Trimmed and lowercased; unique across all studios. */
  email: string;
  name: string;
  /** argon2id PHC string from `hashPassword`; absent until a password is set (invited, SSO only). */
  passwordHash?: string;
  /** ISO instants. */
  passwordChangedAt?: string;
  emailVerifiedAt?: string;
  createdAt: string;
  updatedAt: string;
}

export interface NewStaff {
  email: string;
  name: string;
  passwordHash?: string;
  emailVerifiedAt?: string;
}

export interface Membership {
  tenantId: string;
  staffId: string;
  role: Role;
  /** ISO instant. */
  createdAt: string;
}

// RFC 5321 caps a forward path at 256 octets including the brackets, hence 254 for the address.
const MAX_EMAIL_LENGTH = 254;
const MAX_NAME_LENGTH = 100;
// Deliberately loose: one @, no spaces, a dot in the domain. The real check is the verification mail.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// Deno KV reads at most 10 keys per getMany.
const GET_MANY_LIMIT = 10;

const staffKey = (id: string): Deno.KvKey => ["staff", id];
const emailKey = (email: string): Deno.KvKey => ["staff_emails", email];
const membershipKey = (tenantId: string, staffId: string): Deno.KvKey => ["memberships", tenantId, staffId];
const reverseKey = (
  staffId: string,
  tenantId: string,
): Deno.KvKey => ["staff_memberships", staffId, tenantId];

/** Trims and lowercases an e-mail address the way it is stored and looked up. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Creates a staff identity. The e-mail is claimed in the same atomic operation that writes the
 * record, so of two sign-ups racing for one address exactly one wins; the other gets a ConflictError.
 *
 * ```ts
 * const ana = await createStaff(kv, { email: "Ana@BlueRoom.fr", name: "Ana Lima" });
 * ana.email; // "ana@blueroom.fr"
 * ```
 */
export async function createStaff(kv: Deno.Kv, input: NewStaff): Promise<StaffIdentity> {
  const staff = newStaffRecord(input);
  const email = staff.email;
  const result = await kv.atomic()
    .check({ key: emailKey(email), versionstamp: null })
    .set(staffKey(staff.id), staff)
    .set(emailKey(email), staff.id)
    .commit();
  if (!result.ok) {
    throw new ConflictError(`${email} already has an account.`, [{ email }]);
  }
  return staff;
}

/** A checked identity record, not stored yet; a ValidationError names each bad field. */
function newStaffRecord(input: NewStaff): StaffIdentity {
  const email = normalizeEmail(input.email);
  const name = input.name.trim();
  const errors: Record<string, string> = {};
  const emailError = emailProblem(email);
  if (emailError) errors.email = emailError;
  const nameError = nameProblem(name);
  if (nameError) errors.name = nameError;
  if (input.passwordHash !== undefined && !isPasswordHash(input.passwordHash)) {
    errors.passwordHash = "A password must be stored as an argon2id hash from hashPassword().";
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);

  const now = new Date().toISOString();
  return {
    id: newId(STAFF_ID_PREFIX),
    email,
    name,
    ...(input.passwordHash === undefined ? {} : { passwordHash: input.passwordHash, passwordChangedAt: now }),
    ...(input.emailVerifiedAt === undefined ? {} : { emailVerifiedAt: input.emailVerifiedAt }),
    createdAt: now,
    updatedAt: now,
  };
}

export async function getStaff(kv: Deno.Kv, id: string): Promise<StaffIdentity | null> {
  return (await kv.get<StaffIdentity>(staffKey(id))).value;
}

/** Looks an identity up by e-mail, ignoring case and surrounding spaces. */
export async function getStaffByEmail(kv: Deno.Kv, email: string): Promise<StaffIdentity | null> {
  const normalized = normalizeEmail(email);
  const index = await kv.get<string>(emailKey(normalized));
  if (index.value === null) return null;
  const staff = await getStaff(kv, index.value);
  return staff?.email === normalized ? staff : null;
}

/**
 * Stores a new password hash and stamps `passwordChangedAt`. Takes the hash, never the password:
 * hashing happens in lib/auth, and a plain password passed here by mistake is a ValidationError.
 * Revoking other sessions after a change is the caller's decision (see revokeAllSessions).
 */
export async function setPassword(
  kv: Deno.Kv,
  staffId: string,
  passwordHash: string,
): Promise<StaffIdentity> {
  if (!isPasswordHash(passwordHash)) {
    throw new ValidationError({
      password: "A password must be stored as an argon2id hash from hashPassword().",
    });
  }
  return await retryOnConflict(`Staff ${staffId}`, async () => {
    const entry = await readStaff(kv, staffId);
    const now = new Date().toISOString();
    const next: StaffIdentity = { ...entry.value, passwordHash, passwordChangedAt: now, updatedAt: now };
    return (await kv.atomic().check(entry).set(entry.key, next).commit()).ok ? next : null;
  });
}

/**
 * Records that the person controls `email` (they opened a link sent there). Idempotent: an address
 * verified before keeps its first `emailVerifiedAt`. An address the identity no longer has is a
 * ConflictError, so an old link cannot verify a newer address.
 */
export async function markEmailVerified(
  kv: Deno.Kv,
  staffId: string,
  email: string,
): Promise<StaffIdentity> {
  return await retryOnConflict(`Staff ${staffId}`, async () => {
    const entry = await readStaff(kv, staffId);
    if (entry.value.email !== normalizeEmail(email)) {
      throw new ConflictError(`${email} is no longer the address of this account.`, [{ email }]);
    }
    if (entry.value.emailVerifiedAt) return entry.value;
    const now = new Date().toISOString();
    const next: StaffIdentity = { ...entry.value, emailVerifiedAt: now, updatedAt: now };
    return (await kv.atomic().check(entry).set(entry.key, next).commit()).ok ? next : null;
  });
}

/**
 * Gives a person a role in a studio. Idempotent: the same role again changes nothing (and keeps
 * `createdAt`); another role replaces the old one. Demoting a studio's last owner is refused like
 * removing them, since either would leave the studio without an owner.
 */
export async function addMembership(
  kv: Deno.Kv,
  tenantId: string,
  staffId: string,
  role: Role,
): Promise<Membership> {
  if (!ROLES.includes(role)) {
    throw new ValidationError({ role: `A role is one of ${ROLES.join(", ")}.` });
  }
  if (!(await getTenant(kv, tenantId))) throw new NotFoundError(`No studio with id ${tenantId}.`);
  return await retryOnConflict(`The members of ${tenantId}`, async () => {
    const [staff, current] = await kv.getMany<[StaffIdentity, Membership]>([
      staffKey(staffId),
      membershipKey(tenantId, staffId),
    ]);
    if (staff.value === null) throw staffNotFound(staffId);
    if (current.value?.role === role) {
      // Repair a missing reverse entry rather than trusting it; a cheap read on an idempotent call.
      const reverse = await kv.get<Role>(reverseKey(staffId, tenantId));
      if (reverse.value === role) return current.value;
    }
    const membership: Membership = current.value
      ? { ...current.value, role }
      : { tenantId, staffId, role, createdAt: new Date().toISOString() };
    const operation = kv.atomic().check(staff).check(current);
    if (current.value?.role === "owner" && role !== "owner") {
      const owners = await otherOwners(kv, tenantId, staffId);
      if (owners.length === 0) throw lastOwner(tenantId);
      for (const owner of owners) operation.check(owner);
    }
    const result = await operation
      .set(membershipKey(tenantId, staffId), membership)
      .set(reverseKey(staffId, tenantId), role)
      .commit();
    return result.ok ? membership : null;
  });
}

/**
 * Takes a person out of a studio and returns the removed membership; one they do not have is a
 * NotFoundError. The last owner cannot be removed (ConflictError). The atomic operation checks every
 * other owner's entry, so two owners removing each other at once cannot both succeed.
 */
export async function removeMembership(kv: Deno.Kv, tenantId: string, staffId: string): Promise<Membership> {
  return await retryOnConflict(`The members of ${tenantId}`, async () => {
    const current = await kv.get<Membership>(membershipKey(tenantId, staffId));
    if (current.value === null) {
      throw new NotFoundError(`Staff ${staffId} is not a member of studio ${tenantId}.`);
    }
    const operation = kv.atomic().check(current);
    if (current.value.role === "owner") {
      const owners = await otherOwners(kv, tenantId, staffId);
      if (owners.length === 0) throw lastOwner(tenantId);
      for (const owner of owners) operation.check(owner);
    }
    const result = await operation
      .delete(membershipKey(tenantId, staffId))
      .delete(reverseKey(staffId, tenantId))
      .commit();
    return result.ok ? current.value : null;
  });
}

export async function getMembership(
  kv: Deno.Kv,
  tenantId: string,
  staffId: string,
): Promise<Membership | null> {
  return (await kv.get<Membership>(membershipKey(tenantId, staffId))).value;
}

/**
 * A person and their membership in one studio, in one KV round trip: what every signed-in request
 * needs. Null when either is missing (the person left the studio, or was deleted).
 */
export async function getMember(
  kv: Deno.Kv,
  tenantId: string,
  staffId: string,
): Promise<{ staff: StaffIdentity; membership: Membership } | null> {
  return (await getMemberWith(kv, tenantId, staffId, [])).member;
}

/**
 * {@link getMember}, with `alsoRead` read in the same snapshot and round trip (what every request of a
 * signed-in member needs beside them); their entries come back in order, member or not.
 */
export async function getMemberWith(
  kv: Deno.Kv,
  tenantId: string,
  staffId: string,
  alsoRead: Deno.KvKey[],
): Promise<
  { member: { staff: StaffIdentity; membership: Membership } | null; also: Deno.KvEntryMaybe<unknown>[] }
> {
  const [staff, membership, ...also] = await kv.getMany<unknown[]>([
    staffKey(staffId),
    membershipKey(tenantId, staffId),
    ...alsoRead,
  ]);
  const member = staff.value && membership.value
    ? { staff: staff.value as StaffIdentity, membership: membership.value as Membership }
    : null;
  return { member, also };
}

/**
 * The studios a person belongs to, in studio id (creation) order; without `exceptTenantId`'s. One KV
 * list when that leaves none (a member of one studio asking for their others).
 */
export async function listMemberships(
  kv: Deno.Kv,
  staffId: string,
  exceptTenantId?: string,
): Promise<Membership[]> {
  const index = (await Array.fromAsync(kv.list<Role>({ prefix: ["staff_memberships", staffId] })))
    .filter((entry) => entry.key[2] !== exceptTenantId);
  if (index.length === 0) return [];
  const keys = index.map((entry) => membershipKey(entry.key[2] as string, staffId));
  const batches: Deno.KvKey[][] = [];
  for (let i = 0; i < keys.length; i += GET_MANY_LIMIT) batches.push(keys.slice(i, i + GET_MANY_LIMIT));
  const records = (await Promise.all(batches.map((batch) => kv.getMany<Membership[]>(batch)))).flat();
  return records.flatMap((record, i) =>
    record.value !== null && record.value.role === index[i].value ? [record.value] : []
  );
}

/** A studio's members, in staff id (creation) order. */
export async function listMembers(kv: Deno.Kv, tenantId: string): Promise<Membership[]> {
  const entries = await Array.fromAsync(kv.list<Membership>({ prefix: ["memberships", tenantId] }));
  return entries.map((entry) => entry.value);
}

/**
 * Removes every membership of a deleted studio with each person's reverse entry, in bounded atomic
 * batches (a pair always in the same one). Identities stay: a person keeps their other studios, and
 * one left with none keeps an account that can be invited again. Returns how many keys went.
 */
export async function deleteStudioMemberships(kv: Deno.Kv, tenantId: string): Promise<number> {
  return await deleteListed<Membership>(
    kv,
    ["memberships", tenantId],
    (entry) => [entry.key, reverseKey(entry.key[2] as string, tenantId)],
  );
}

/**
 * Checks (or writes) that are to commit together with joining a studio, e.g. using up the invitation
 * that allows it; a failed check makes the whole join fail.
 */
export type AlsoIn = (operation: Deno.AtomicOperation) => Deno.AtomicOperation;

/**
 * Creates a person who is at once a member of a studio: identity, e-mail claim, membership and its
 * reverse entry in one atomic operation with whatever `alsoIn` adds, so all of it lands or none does.
 * A taken e-mail is a ConflictError; null means a check added by `alsoIn` failed. Unlike
 * addMembership it does not look the studio up: callers act for the studio a request resolved.
 */
export async function createMember(
  kv: Deno.Kv,
  input: NewStaff,
  tenantId: string,
  role: Role,
  alsoIn: AlsoIn = (operation) => operation,
): Promise<{ staff: StaffIdentity; membership: Membership } | null> {
  if (!ROLES.includes(role)) {
    throw new ValidationError({ role: `A role is one of ${ROLES.join(", ")}.` });
  }
  const staff = newStaffRecord(input);
  const membership: Membership = { tenantId, staffId: staff.id, role, createdAt: staff.createdAt };
  const result = await alsoIn(
    kv.atomic()
      .check({ key: emailKey(staff.email), versionstamp: null })
      .set(staffKey(staff.id), staff)
      .set(emailKey(staff.email), staff.id)
      .set(membershipKey(tenantId, staff.id), membership)
      .set(reverseKey(staff.id, tenantId), role),
  ).commit();
  if (result.ok) return { staff, membership };
  if ((await kv.get(emailKey(staff.email))).value !== null) {
    throw new ConflictError(`${staff.email} already has an account.`, [{ email: staff.email }]);
  }
  return null;
}

/**
 * Makes an existing person a member of a studio they do not belong to yet, in one atomic operation
 * with whatever `alsoIn` adds. In the same operation, `verifiedEmail` records that they control that
 * address (they opened a link sent there) and `passwordHash` gives a password to an account that has
 * none. A person who is already a member is a ConflictError with reason "already-member"; null means
 * a check added by `alsoIn` failed.
 */
export async function joinStudio(
  kv: Deno.Kv,
  tenantId: string,
  staffId: string,
  role: Role,
  options: { alsoIn?: AlsoIn; verifiedEmail?: string; passwordHash?: string } = {},
): Promise<{ staff: StaffIdentity; membership: Membership } | null> {
  if (!ROLES.includes(role)) {
    throw new ValidationError({ role: `A role is one of ${ROLES.join(", ")}.` });
  }
  if (options.passwordHash !== undefined && !isPasswordHash(options.passwordHash)) {
    throw new ValidationError({
      password: "A password must be stored as an argon2id hash from hashPassword().",
    });
  }
  const alsoIn = options.alsoIn ?? ((operation) => operation);
  const outcome = await retryOnConflict(`The members of ${tenantId}`, async () => {
    const [staff, current] = await kv.getMany<[StaffIdentity, Membership]>([
      staffKey(staffId),
      membershipKey(tenantId, staffId),
    ]);
    if (staff.value === null) throw staffNotFound(staffId);
    if (current.value !== null) {
      throw new ConflictError(`Staff ${staffId} is already a member of studio ${tenantId}.`, [
        { tenantId, staffId, reason: "already-member" },
      ]);
    }
    const now = new Date().toISOString();
    let person = staff.value;
    if (
      options.verifiedEmail !== undefined && !person.emailVerifiedAt &&
      person.email === normalizeEmail(options.verifiedEmail)
    ) {
      person = { ...person, emailVerifiedAt: now, updatedAt: now };
    }
    if (options.passwordHash !== undefined && !person.passwordHash) {
      person = { ...person, passwordHash: options.passwordHash, passwordChangedAt: now, updatedAt: now };
    }
    const membership: Membership = { tenantId, staffId, role, createdAt: now };
    const operation = kv.atomic().check(staff).check(current)
      .set(membershipKey(tenantId, staffId), membership)
      .set(reverseKey(staffId, tenantId), role);
    if (person !== staff.value) operation.set(staffKey(staffId), person);
    if ((await alsoIn(operation).commit()).ok) return { joined: { staff: person, membership } };
    // Our own reads still hold, so the caller's check is what failed: trying again cannot help.
    const [again, member] = await kv.getMany([staffKey(staffId), membershipKey(tenantId, staffId)]);
    if (again.versionstamp === staff.versionstamp && member.versionstamp === current.versionstamp) {
      return { joined: null };
    }
    return null;
  });
  return outcome.joined;
}

function emailProblem(email: string): string | undefined {
  if (email.length === 0) return "Enter an e-mail address.";
  if (email.length > MAX_EMAIL_LENGTH) return `An e-mail address has at most ${MAX_EMAIL_LENGTH} characters.`;
  if (!EMAIL.test(email)) return `"${email}" is not an e-mail address, like ana@example.com.`;
  return undefined;
}

function nameProblem(name: string): string | undefined {
  if (name.length === 0) return "Enter a name.";
  if ([...name].length > MAX_NAME_LENGTH) return `A name has at most ${MAX_NAME_LENGTH} characters.`;
  // deno-lint-ignore no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return "A name cannot contain line breaks or control characters.";
  return undefined;
}

async function otherOwners(
  kv: Deno.Kv,
  tenantId: string,
  staffId: string,
): Promise<Deno.KvEntry<Membership>[]> {
  const members = await Array.fromAsync(kv.list<Membership>({ prefix: ["memberships", tenantId] }));
  return members.filter((entry) => entry.value.role === "owner" && entry.value.staffId !== staffId);
}

function lastOwner(tenantId: string): ConflictError {
  return new ConflictError(
    "A studio needs at least one owner; make someone else owner first.",
    [{ tenantId, reason: "last-owner" }],
  );
}

async function readStaff(kv: Deno.Kv, id: string): Promise<Deno.KvEntry<StaffIdentity>> {
  const entry = await kv.get<StaffIdentity>(staffKey(id));
  if (entry.value === null) throw staffNotFound(id);
  return entry as Deno.KvEntry<StaffIdentity>;
}

function staffNotFound(id: string): NotFoundError {
  return new NotFoundError(`No staff member with id ${id}.`);
}

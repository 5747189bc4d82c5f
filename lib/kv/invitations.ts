/**
 * Invitations to join a studio: an e-mail address, the role it will have, who invited it, and a
 * link valid for 7 days. The link carries a random token (160 bits); KV holds only its SHA-256, like
 * sessions and e-mail tokens, so a leaked KV dump accepts no invitation.
 *
 * Key shapes:
 *
 *   ["invitations", sha256(token)]             → Invitation      expires with the invitation
 *   ["studio_invitations", tenantId, email]    → sha256(token)   one pending invitation per address
 *                                                                 and studio; lists a studio's
 *
 * Both are written and deleted in one atomic operation, with a KV `expireIn` matching `expiresAt`;
 * reads still compare `expiresAt`, because KV deletes expired rows lazily. Inviting an address again
 * replaces its invitation (the old link stops working); accepting uses the invitation up in the same
 * atomic operation that adds the membership (see `consumeInvitationIn`).
 *
 * ```ts
 * const { token } = await issueInvitation(kv, { tenantId, email, role: "engineer", invitedBy, locale });
 * const link = `${origin}/invite?token=${token}`;
 * const entry = await findInvitation(kv, token, tenantId); // null: used, revoked, expired, elsewhere
 * await joinStudio(kv, tenantId, staffId, entry.value.role, { alsoIn: (op) => consumeInvitationIn(op, entry) });
 * ```
 */
import type { Locale } from "../i18n/mod.ts";
import { newId } from "./ids.ts";
import { retryOnConflict } from "./retry.ts";
import { generateSessionToken, sessionIdOf } from "./sessions.ts";
import { normalizeEmail, type Role } from "./staff.ts";
import { deleteListed } from "./batch_delete.ts";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60_000;
export const INVITATION_ID_PREFIX = "inv";

export interface NewInvitation {
  tenantId: string;
  email: string;
  role: Role;
  /** The staff id of the person who sent it. */
  invitedBy: string;
  /** The language of its e-mail, kept so that a resend speaks the same one. */
  locale: Locale;
}

export interface Invitation extends NewInvitation {
  /** "inv_" + ULID: names the invitation in forms and audit entries, never its token or hash. */
  id: string;
  /** ISO instants. */
  createdAt: string;
  expiresAt: string;
}

const TOKEN = /^[a-z2-7]{32}$/;
// Deno KV reads at most 10 keys per getMany.
const GET_MANY_LIMIT = 10;

const invitationKey = (hash: string): Deno.KvKey => ["invitations", hash];
const studioKey = (tenantId: string, email: string): Deno.KvKey => ["studio_invitations", tenantId, email];

/**
 * Issues an invitation and returns its token (for the link; never stored). An earlier invitation of
 * the same address to the same studio is replaced in the same atomic operation and returned as
 * `replaced` when it was still pending.
 */
export async function issueInvitation(
  kv: Deno.Kv,
  input: NewInvitation,
  now = Date.now(),
): Promise<{ token: string; invitation: Invitation; replaced: Invitation | null }> {
  const email = normalizeEmail(input.email);
  const token = generateSessionToken();
  const hash = sessionIdOf(token);
  const invitation: Invitation = {
    id: newId(INVITATION_ID_PREFIX, now),
    tenantId: input.tenantId,
    email,
    role: input.role,
    invitedBy: input.invitedBy,
    locale: input.locale,
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + INVITATION_TTL_MS).toISOString(),
  };
  return await retryOnConflict(`The invitations of ${email}`, async () => {
    const index = await kv.get<string>(studioKey(input.tenantId, email));
    const old = index.value === null ? null : await kv.get<Invitation>(invitationKey(index.value));
    const operation = kv.atomic()
      .check(index)
      // A check on the fresh key costs nothing and turns a 2^-160 collision into a loud failure.
      .check({ key: invitationKey(hash), versionstamp: null });
    if (old) operation.check(old).delete(old.key);
    const result = await operation
      .set(invitationKey(hash), invitation, { expireIn: INVITATION_TTL_MS })
      .set(studioKey(input.tenantId, email), hash, { expireIn: INVITATION_TTL_MS })
      .commit();
    if (!result.ok) return null;
    const replaced = old?.value && isLive(old.value, now) ? old.value : null;
    return { token, invitation, replaced };
  });
}

/**
 * The live invitation of `token` for studio `tenantId`, as a KV entry so that using it up can be
 * checked in the caller's atomic operation; null when the token is malformed, unknown, used, revoked,
 * replaced, expired, or for another studio.
 */
export async function findInvitation(
  kv: Deno.Kv,
  token: string,
  tenantId: string,
  now = Date.now(),
): Promise<Deno.KvEntry<Invitation> | null> {
  if (!TOKEN.test(token)) return null;
  const entry = await kv.get<Invitation>(invitationKey(sessionIdOf(token)));
  if (entry.value === null) return null;
  if (!isLive(entry.value, now)) {
    await kv.atomic().check(entry)
      .delete(entry.key)
      .delete(studioKey(entry.value.tenantId, entry.value.email))
      .commit();
    return null;
  }
  // Not deleted: the link still works at its own studio's address.
  if (entry.value.tenantId !== tenantId) return null;
  return entry as Deno.KvEntry<Invitation>;
}

/**
 * Adds "use this invitation up" to an atomic operation: it commits only if the invitation is
 * unchanged since `entry` was read, so of two acceptances of one link exactly one succeeds.
 */
export function consumeInvitationIn(
  operation: Deno.AtomicOperation,
  entry: Deno.KvEntry<Invitation>,
): Deno.AtomicOperation {
  // While the invitation is unchanged, the studio's index still points at it (a replacement deletes
  // it in the same operation that moves the index), so the index entry can go without a check.
  return operation.check(entry)
    .delete(entry.key)
    .delete(studioKey(entry.value.tenantId, entry.value.email));
}

/** Uses an invitation up on its own (e.g. its person turned out to be a member already). */
export async function consumeInvitation(kv: Deno.Kv, entry: Deno.KvEntry<Invitation>): Promise<boolean> {
  return (await consumeInvitationIn(kv.atomic(), entry).commit()).ok;
}

/** The pending invitation of `email` to a studio, or null. */
export async function getInvitation(
  kv: Deno.Kv,
  tenantId: string,
  email: string,
  now = Date.now(),
): Promise<Invitation | null> {
  const index = await kv.get<string>(studioKey(tenantId, normalizeEmail(email)));
  if (index.value === null) return null;
  const invitation = (await kv.get<Invitation>(invitationKey(index.value))).value;
  return invitation && matches(invitation, tenantId, index.key[2] as string) && isLive(invitation, now)
    ? invitation
    : null;
}

/** Withdraws the pending invitation of `email` to a studio; returns it, or null when there was none. */
export async function revokeInvitation(
  kv: Deno.Kv,
  tenantId: string,
  email: string,
  now = Date.now(),
): Promise<Invitation | null> {
  const normalized = normalizeEmail(email);
  return await retryOnConflict(`The invitation of ${normalized}`, async () => {
    const index = await kv.get<string>(studioKey(tenantId, normalized));
    if (index.value === null) return { invitation: null };
    const entry = await kv.get<Invitation>(invitationKey(index.value));
    const result = await kv.atomic().check(index).check(entry)
      .delete(index.key)
      .delete(entry.key)
      .commit();
    if (!result.ok) return null;
    const invitation = entry.value;
    const pending = invitation && matches(invitation, tenantId, normalized) && isLive(invitation, now);
    return { invitation: pending ? invitation : null };
  }).then((outcome) => outcome.invitation);
}

/** A studio's pending invitations, by e-mail address. */
export async function listInvitations(
  kv: Deno.Kv,
  tenantId: string,
  now = Date.now(),
): Promise<Invitation[]> {
  const index = await Array.fromAsync(kv.list<string>({ prefix: ["studio_invitations", tenantId] }));
  const invitations: Invitation[] = [];
  for (let i = 0; i < index.length; i += GET_MANY_LIMIT) {
    const batch = index.slice(i, i + GET_MANY_LIMIT);
    const records = await kv.getMany<Invitation[]>(batch.map((entry) => invitationKey(entry.value)));
    records.forEach((record, j) => {
      const email = batch[j].key[2] as string;
      if (record.value && matches(record.value, tenantId, email) && isLive(record.value, now)) {
        invitations.push(record.value);
      }
    });
  }
  return invitations;
}

/** Removes every pending invitation of a deleted studio (index entry and record), in bounded atomic batches. */
export async function deleteStudioInvitations(kv: Deno.Kv, tenantId: string): Promise<number> {
  return await deleteListed<string>(
    kv,
    ["studio_invitations", tenantId],
    (entry) => [entry.key, invitationKey(entry.value)],
  );
}

function isLive(invitation: Invitation, now: number): boolean {
  return now < Date.parse(invitation.expiresAt);
}

// Reads follow the index defensively: an entry whose record disagrees with it is not an invitation.
function matches(invitation: Invitation, tenantId: string, email: string): boolean {
  return invitation.tenantId === tenantId && invitation.email === email;
}

/**
 * Staff sign-in sessions, after the Oslo design (https://lucia-auth.com/sessions/basic): the browser
 * holds a random token; we store only its SHA-256, so a leaked KV dump signs no one in.
 *
 * Key shapes:
 *
 *   ["sessions", hash]                 → Session   hash = SHA-256 of the token, lowercase hex
 *   ["staff_sessions", staffId, hash]  → true      lists a person's sessions ("sign out everywhere")
 *
 * Both are written in one atomic operation with a KV `expireIn` matching `expiresAt`, so expired
 * sessions vanish on their own; reads still compare `expiresAt`, because KV deletes expired rows
 * lazily. A session belongs to the studio it was created in and is refused on any other studio's
 * host: signing in to studio A must not open studio B, even for a member of both.
 *
 * ```ts
 * const { token } = await createSession(kv, { staffId, tenantId, ip, userAgent });
 * // Set-Cookie: session=<token>; HttpOnly; Secure; SameSite=Lax; Path=/
 * const session = await validateSession(kv, token, tenant.id); // null → sign in again
 * ```
 */
import { createHash } from "node:crypto";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";

export interface Session {
  /** SHA-256 of the token, lowercase hex: the key, never the token itself. */
  id: string;
  staffId: string;
  /** The studio the session was created in; valid only there. */
  tenantId: string;
  /** ISO instants. */
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
  ip?: string;
  userAgent?: string;
}

export interface NewSession {
  staffId: string;
  tenantId: string;
  ip?: string;
  userAgent?: string;
}

/** The injectable clock, for tests; milliseconds since the epoch. */
export interface Clock {
  now?: number;
}

const DAY = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY;
// Renew when less than half the lifetime remains: an active person stays signed in, and a session
// is rewritten at most about once every 15 days instead of on every request.
const RENEW_WHEN_REMAINING_MS = SESSION_LIFETIME_MS / 2;
// 20 random bytes = 160 bits, 32 base32 characters.
const TOKEN_BYTES = 20;
const TOKEN = /^[a-z2-7]{32}$/;
const MAX_USER_AGENT_LENGTH = 512;
// One atomic operation holds at most 1000 mutations; each session is two deletes.
const REVOKE_BATCH = 400;

const sessionKey = (hash: string): Deno.KvKey => ["sessions", hash];
const staffSessionKey = (staffId: string, hash: string): Deno.KvKey => ["staff_sessions", staffId, hash];

/** A new session token: 20 random bytes in lowercase base32 without padding. */
export function generateSessionToken(): string {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(TOKEN_BYTES)));
}

/** The session id a token maps to: its SHA-256 in lowercase hex. */
export function sessionIdOf(token: string): string {
  // Native: this runs on every signed-in request.
  return createHash("sha256").update(token).digest("hex");
}

/** Starts a 30-day session for a person in one studio; returns the token for the cookie. */
export async function createSession(
  kv: Deno.Kv,
  input: NewSession,
  clock: Clock = {},
): Promise<{ token: string; session: Session }> {
  const now = clock.now ?? Date.now();
  const token = generateSessionToken();
  const id = sessionIdOf(token);
  const session: Session = {
    id,
    staffId: input.staffId,
    tenantId: input.tenantId,
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + SESSION_LIFETIME_MS).toISOString(),
    lastSeenAt: new Date(now).toISOString(),
    ...(input.ip ? { ip: input.ip } : {}),
    ...(input.userAgent ? { userAgent: input.userAgent.slice(0, MAX_USER_AGENT_LENGTH) } : {}),
  };
  // A check on the fresh key costs nothing and turns a 2^-160 collision into a loud failure.
  const result = await kv.atomic()
    .check({ key: sessionKey(id), versionstamp: null })
    .set(sessionKey(id), session, { expireIn: SESSION_LIFETIME_MS })
    .set(staffSessionKey(input.staffId, id), true, { expireIn: SESSION_LIFETIME_MS })
    .commit();
  if (!result.ok) throw new Error("Session id collision; this should never happen.");
  return { token, session };
}

/**
 * The live session for `token` on studio `tenantId`, or null when the token is malformed, unknown,
 * expired, or belongs to another studio. A session with less than 15 days left is extended to a full
 * 30 days (and `lastSeenAt` updated); otherwise validation is a single read.
 */
export async function validateSession(
  kv: Deno.Kv,
  token: string,
  tenantId: string,
  clock: Clock = {},
): Promise<Session | null> {
  if (!TOKEN.test(token)) return null;
  const now = clock.now ?? Date.now();
  const entry = await kv.get<Session>(sessionKey(sessionIdOf(token)));
  const session = entry.value;
  if (session === null) return null;
  const expiresAt = Date.parse(session.expiresAt);
  if (now >= expiresAt) {
    await kv.atomic().check(entry)
      .delete(entry.key)
      .delete(staffSessionKey(session.staffId, session.id))
      .commit();
    return null;
  }
  // Not deleted: the session is still good on its own studio; this request is simply not allowed.
  if (session.tenantId !== tenantId) return null;
  if (expiresAt - now >= RENEW_WHEN_REMAINING_MS) return session;

  const renewed: Session = {
    ...session,
    expiresAt: new Date(now + SESSION_LIFETIME_MS).toISOString(),
    lastSeenAt: new Date(now).toISOString(),
  };
  // Losing this race means a parallel request renewed it, or it was revoked: either way the
  // session was valid when read, and the next request sees the winner's state.
  await kv.atomic().check(entry)
    .set(entry.key, renewed, { expireIn: SESSION_LIFETIME_MS })
    .set(staffSessionKey(session.staffId, session.id), true, { expireIn: SESSION_LIFETIME_MS })
    .commit();
  return renewed;
}

/** Ends the session of `token` (sign out); an unknown token is not an error. */
export async function revokeSession(kv: Deno.Kv, token: string): Promise<void> {
  await revokeSessionById(kv, sessionIdOf(token));
}

/** Ends a session by id, e.g. from a "your devices" list that shows ids, never tokens. */
export async function revokeSessionById(kv: Deno.Kv, id: string): Promise<void> {
  const entry = await kv.get<Session>(sessionKey(id));
  if (entry.value === null) return;
  await kv.atomic().delete(entry.key).delete(staffSessionKey(entry.value.staffId, id)).commit();
}

/** A person's sessions in every studio, e.g. for a "your devices" page. */
export async function listSessions(kv: Deno.Kv, staffId: string, clock: Clock = {}): Promise<Session[]> {
  const now = clock.now ?? Date.now();
  const index = await Array.fromAsync(kv.list({ prefix: ["staff_sessions", staffId] }));
  const sessions: Session[] = [];
  for (let i = 0; i < index.length; i += 10) {
    const batch = index.slice(i, i + 10).map((entry) => sessionKey(entry.key[2] as string));
    for (const entry of await kv.getMany<Session[]>(batch)) {
      if (entry.value && entry.value.staffId === staffId && Date.parse(entry.value.expiresAt) > now) {
        sessions.push(entry.value);
      }
    }
  }
  return sessions;
}

/**
 * Ends every session of a person in every studio (after a password change, or "sign out
 * everywhere"); returns how many index entries were removed. `keep` spares one session (by id): the
 * one making a security change ("sign out everywhere else", turning two-factor on or off).
 */
export async function revokeAllSessions(
  kv: Deno.Kv,
  staffId: string,
  options: { keep?: string } = {},
): Promise<number> {
  const hashes = (await Array.fromAsync(kv.list({ prefix: ["staff_sessions", staffId] })))
    .map((entry) => entry.key[2] as string)
    .filter((hash) => hash !== options.keep);
  for (let i = 0; i < hashes.length; i += REVOKE_BATCH) {
    const operation = kv.atomic();
    for (const hash of hashes.slice(i, i + REVOKE_BATCH)) {
      operation.delete(sessionKey(hash)).delete(staffSessionKey(staffId, hash));
    }
    const result = await operation.commit();
    if (!result.ok) throw new Error(`Could not revoke the sessions of ${staffId}.`);
  }
  return hashes.length;
}

/**
 * Ends a person's sessions in one studio only, leaving their other studios alone (after their role
 * there changed or they were removed); `keep` spares one session, e.g. that of the person making the
 * change to themselves. Returns how many sessions were ended.
 */
export async function revokeStudioSessions(
  kv: Deno.Kv,
  staffId: string,
  tenantId: string,
  options: { keep?: string } = {},
): Promise<number> {
  const index = await Array.fromAsync(kv.list({ prefix: ["staff_sessions", staffId] }));
  const doomed: string[] = [];
  for (let i = 0; i < index.length; i += 10) {
    const batch = index.slice(i, i + 10).map((entry) => sessionKey(entry.key[2] as string));
    for (const entry of await kv.getMany<Session[]>(batch)) {
      const session = entry.value;
      if (
        session && session.staffId === staffId && session.tenantId === tenantId && session.id !== options.keep
      ) {
        doomed.push(session.id);
      }
    }
  }
  for (let i = 0; i < doomed.length; i += REVOKE_BATCH) {
    const operation = kv.atomic();
    for (const hash of doomed.slice(i, i + REVOKE_BATCH)) {
      operation.delete(sessionKey(hash)).delete(staffSessionKey(staffId, hash));
    }
    const result = await operation.commit();
    if (!result.ok) throw new Error(`Could not revoke the sessions of ${staffId} in ${tenantId}.`);
  }
  return doomed.length;
}

/**
 * The studio's clients' portal sessions: separate from staff sessions (their own key space and
 * cookie), so a client's token can never open a staff page and a staff token never opens a portal.
 * Same design: the browser holds a random token, KV only its SHA-256.
 *
 * Key shapes:
 *
 *   ["portal_sessions", hash]                        → PortalSession   expires after 14 days
 *   ["portal_account_sessions", tenantId, accountId, hash] → true      "sign out everywhere"
 *
 * A session belongs to one studio's portal account and is refused on any other studio.
 */
import { generateSessionToken, sessionIdOf } from "./sessions.ts";
import { deleteListed } from "./batch_delete.ts";

export interface PortalSession {
  id: string;
  tenantId: string;
  accountId: string;
  clientId: string;
  createdAt: string;
  expiresAt: string;
}

export const PORTAL_SESSION_LIFETIME_MS = 14 * 24 * 60 * 60_000;
const RENEW_WHEN_REMAINING_MS = 7 * 24 * 60 * 60_000;
const TOKEN = /^[a-z2-7]{32}$/;

const sessionKey = (id: string): Deno.KvKey => ["portal_sessions", id];
const accountKey = (s: Pick<PortalSession, "tenantId" | "accountId">, id: string): Deno.KvKey => [
  "portal_account_sessions",
  s.tenantId,
  s.accountId,
  id,
];

export async function createPortalSession(
  kv: Deno.Kv,
  subject: Pick<PortalSession, "tenantId" | "accountId" | "clientId">,
  now = Date.now(),
): Promise<{ token: string; session: PortalSession }> {
  const token = generateSessionToken();
  const id = sessionIdOf(token);
  const session: PortalSession = {
    id,
    ...subject,
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + PORTAL_SESSION_LIFETIME_MS).toISOString(),
  };
  const result = await kv.atomic()
    .check({ key: sessionKey(id), versionstamp: null })
    .set(sessionKey(id), session, { expireIn: PORTAL_SESSION_LIFETIME_MS })
    .set(accountKey(session, id), true, { expireIn: PORTAL_SESSION_LIFETIME_MS })
    .commit();
  if (!result.ok) throw new Error("Session id collision; this should never happen.");
  return { token, session };
}

/** The live portal session for `token` on studio `tenantId`, renewed when past half its life; else null. */
export async function validatePortalSession(
  kv: Deno.Kv,
  token: string,
  tenantId: string,
  now = Date.now(),
): Promise<PortalSession | null> {
  if (!TOKEN.test(token)) return null;
  const entry = await kv.get<PortalSession>(sessionKey(sessionIdOf(token)));
  const session = entry.value;
  if (!session || session.tenantId !== tenantId) return null;
  const expiresAt = Date.parse(session.expiresAt);
  if (now >= expiresAt) return null;
  if (expiresAt - now >= RENEW_WHEN_REMAINING_MS) return session;
  const renewed = { ...session, expiresAt: new Date(now + PORTAL_SESSION_LIFETIME_MS).toISOString() };
  await kv.atomic().check(entry)
    .set(entry.key, renewed, { expireIn: PORTAL_SESSION_LIFETIME_MS })
    .set(accountKey(session, session.id), true, { expireIn: PORTAL_SESSION_LIFETIME_MS })
    .commit();
  return renewed;
}

export async function revokePortalSession(kv: Deno.Kv, token: string): Promise<void> {
  const entry = await kv.get<PortalSession>(sessionKey(sessionIdOf(token)));
  if (!entry.value) return;
  await kv.atomic().delete(entry.key).delete(accountKey(entry.value, entry.value.id)).commit();
}

/** Ends every portal session of an account (staff disabled it, or the client signed out everywhere). */
export async function revokePortalAccountSessions(kv: Deno.Kv, tenantId: string, accountId: string) {
  for await (const entry of kv.list({ prefix: ["portal_account_sessions", tenantId, accountId] })) {
    const id = entry.key.at(-1) as string;
    await kv.atomic().delete(sessionKey(id)).delete(entry.key).commit();
  }
}

/** Ends every portal session of a deleted studio (record and index entry together), in bounded batches. */
export async function deleteStudioPortalSessions(kv: Deno.Kv, tenantId: string): Promise<number> {
  return await deleteListed(
    kv,
    ["portal_account_sessions", tenantId],
    (entry) => [entry.key, sessionKey(entry.key[3] as string)],
  );
}

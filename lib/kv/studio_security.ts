/**
 * A studio's security rules for its staff, in the control plane (no tenant schema change needed),
 * and the SSO sessions whose provider vouched for a second factor.
 *
 * Key shapes:
 *
 *   ["studio_security", tenantId]       → StudioSecurity     once an owner has saved the rules
 *   ["provider_mfa_sessions", sessionId] → ProviderMfaSession  an SSO session whose ID token said "mfa";
 *                                                             lives as long as the session (renewed)
 *
 * The session mark is separate from the session record (lib/kv/sessions.ts) so that sessions stay
 * one shape for every way of signing in; it is read only when a studio requires 2FA of someone who
 * has none of their own.
 */
import { SESSION_LIFETIME_MS } from "./sessions.ts";
import { deleteNamingStudio } from "./batch_delete.ts";

export interface StudioSecurity {
  tenantId: string;
  /** Every member must have two-factor authentication (lib/auth/require_two_factor.ts). */
  requireTwoFactor: boolean;
  /** ISO instant and staff id of the last change. */
  updatedAt: string;
  updatedBy: string;
}

/** An SSO session whose provider reported multi-factor authentication (RFC 8176 `amr`). */
export interface ProviderMfaSession {
  staffId: string;
  tenantId: string;
  /** The `amr` values of the ID token, as the provider sent them. */
  amr: string[];
  /** ISO instants. */
  createdAt: string;
  expiresAt: string;
}

// A day beyond a session's lifetime, renewed once less than a lifetime remains: the mark always
// outlives the sliding session it belongs to, at one write a day at most.
const MARK_LIFETIME_MS = SESSION_LIFETIME_MS + 24 * 60 * 60_000;

/** Where a studio's rules are kept (read beside the member on every signed-in request). */
export const studioSecurityKey = (tenantId: string): Deno.KvKey => ["studio_security", tenantId];
const markKey = (sessionId: string): Deno.KvKey => ["provider_mfa_sessions", sessionId];

/** The studio's rules with their versionstamp (for a checked update); null value before the first save. */
export async function getStudioSecurityEntry(
  kv: Deno.Kv,
  tenantId: string,
): Promise<Deno.KvEntryMaybe<StudioSecurity>> {
  return await kv.get<StudioSecurity>(studioSecurityKey(tenantId));
}

/** Whether the studio requires two-factor authentication of all its staff (false until set). */
export async function requiresTwoFactor(kv: Deno.Kv, tenantId: string): Promise<boolean> {
  return requiresTwoFactorIn((await getStudioSecurityEntry(kv, tenantId)).value);
}

/** Whether the rules read at {@link studioSecurityKey} require two-factor authentication. */
export function requiresTwoFactorIn(rules: unknown): boolean {
  return (rules as StudioSecurity | null)?.requireTwoFactor ?? false;
}

/** Writes `next` if the rules are still those of `entry`; false when someone saved in between. */
export async function putStudioSecurity(
  kv: Deno.Kv,
  entry: Deno.KvEntryMaybe<StudioSecurity>,
  next: StudioSecurity,
): Promise<boolean> {
  return (await kv.atomic().check(entry).set(studioSecurityKey(next.tenantId), next).commit()).ok;
}

/** Marks a new SSO session as signed in with the provider's multi-factor authentication. */
export async function markProviderMfaSession(
  kv: Deno.Kv,
  sessionId: string,
  mark: Pick<ProviderMfaSession, "staffId" | "tenantId" | "amr">,
  now = Date.now(),
): Promise<void> {
  const record: ProviderMfaSession = {
    ...mark,
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + MARK_LIFETIME_MS).toISOString(),
  };
  await kv.set(markKey(sessionId), record, { expireIn: MARK_LIFETIME_MS });
}

/**
 * Whether session `sessionId` of `staffId` at `tenantId` was signed in with the provider's MFA;
 * renews the mark when less than a session lifetime remains, so it lasts as long as the session.
 */
export async function isProviderMfaSession(
  kv: Deno.Kv,
  sessionId: string,
  staffId: string,
  tenantId: string,
  now = Date.now(),
): Promise<boolean> {
  const entry = await kv.get<ProviderMfaSession>(markKey(sessionId));
  const mark = entry.value;
  if (!mark || mark.staffId !== staffId || mark.tenantId !== tenantId) return false;
  const expiresAt = Date.parse(mark.expiresAt);
  if (now >= expiresAt) return false;
  if (expiresAt - now < SESSION_LIFETIME_MS) {
    const renewed = { ...mark, expiresAt: new Date(now + MARK_LIFETIME_MS).toISOString() };
    // A lost race means a parallel request renewed it (or the session ended): fine either way.
    await kv.atomic().check(entry).set(entry.key, renewed, { expireIn: MARK_LIFETIME_MS }).commit();
  }
  return true;
}

/**
 * Removes a deleted studio's rules and its sessions' MFA marks. Marks are keyed by session, with no
 * per-studio index, so every mark is read (one per live SSO session with provider MFA).
 */
export async function deleteStudioSecurity(kv: Deno.Kv, tenantId: string): Promise<number> {
  await kv.delete(studioSecurityKey(tenantId));
  return 1 + await deleteNamingStudio(kv, ["provider_mfa_sessions"], tenantId);
}

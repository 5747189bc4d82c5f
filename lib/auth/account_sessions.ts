/**
 * A person's own sessions, for the account security page: where they are signed in (in every
 * studio, since one identity may work for several) and signing out of one, or of all but this one.
 *
 * ```ts
 * const rows = await accountSessions(kv, staff.id, staff.sessionId);
 * await signOutOtherSessions(kv, actor, db); // "sign out everywhere else"
 * ```
 */
import { type AuditWriter, recordAudit } from "../audit/audit.ts";
import { NotFoundError } from "../errors.ts";
import { listSessions, revokeAllSessions, revokeSessionById } from "../kv/sessions.ts";
import { getTenant } from "../kv/tenants.ts";
import type { TwoFactorActor } from "./two_factor.ts";

export interface AccountSession {
  id: string;
  /** The studio the session is for; a removed studio shows as null. */
  studioName: string | null;
  /** The session of the request that asks. */
  current: boolean;
  /** ISO instant. */
  createdAt: string;
  ip?: string;
  device: Device | null;
}

/** What a user agent says about the device, in names that need no translating. */
export interface Device {
  browser: string;
  os: string;
}

// Order matters: Edge and Opera say "Chrome" too, and Chrome says "Safari".
const BROWSERS: [RegExp, string][] = [
  [/\bEdg(e|A|iOS)?\//, "Edge"],
  [/\b(OPR|Opera)\//, "Opera"],
  [/\bFirefox\/|\bFxiOS\//, "Firefox"],
  [/\b(Headless)?Chrom(e|ium)\/|\bCriOS\//, "Chrome"],
  [/\bSafari\//, "Safari"],
];
const SYSTEMS: [RegExp, string][] = [
  [/\b(iPhone|iPad|iPod)\b/, "iOS"],
  [/\bAndroid\b/, "Android"],
  [/\bWindows\b/, "Windows"],
  [/\bMac OS X\b|\bMacintosh\b/, "macOS"],
  [/\bCrOS\b/, "ChromeOS"],
  [/\bLinux\b/, "Linux"],
];

/** "Firefox" on "Windows" from a user agent; null when it names neither a browser nor a system we know. */
export function deviceOf(userAgent: string | undefined): Device | null {
  if (!userAgent) return null;
  const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1];
  const os = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
  if (!browser && !os) return null;
  return { browser: browser ?? "?", os: os ?? "?" };
}

/** The person's live sessions, this one first, then newest first. */
export async function accountSessions(
  kv: Deno.Kv,
  staffId: string,
  currentSessionId: string,
): Promise<AccountSession[]> {
  const sessions = await listSessions(kv, staffId);
  const tenantIds = [...new Set(sessions.map((s) => s.tenantId))];
  const names = new Map(
    await Promise.all(tenantIds.map(async (id) => [id, (await getTenant(kv, id))?.name ?? null] as const)),
  );
  return sessions
    .map((session) => ({
      id: session.id,
      studioName: names.get(session.tenantId) ?? null,
      current: session.id === currentSessionId,
      createdAt: session.createdAt,
      ...(session.ip ? { ip: session.ip } : {}),
      device: deviceOf(session.userAgent),
    }))
    .sort((a, b) => Number(b.current) - Number(a.current) || b.createdAt.localeCompare(a.createdAt));
}

/** Ends every session of the person but the one asking, in every studio; returns how many ended. */
export async function signOutOtherSessions(
  kv: Deno.Kv,
  actor: TwoFactorActor,
  audit?: AuditWriter,
): Promise<number> {
  const count = await revokeAllSessions(kv, actor.staffId, { keep: actor.sessionId });
  if (audit) {
    await recordAudit(audit, {
      actor: { type: "staff", id: actor.staffId, label: actor.email },
      action: "auth.sessions_revoked",
      entity: { type: "staff", id: actor.staffId },
      changes: { sessions: { after: count } },
      ip: actor.ip,
      userAgent: actor.userAgent,
    });
  }
  return count;
}

/** Ends one of the person's own sessions; someone else's (or an unknown id) is a NotFoundError. */
export async function signOutSession(
  kv: Deno.Kv,
  actor: TwoFactorActor,
  sessionId: string,
  audit?: AuditWriter,
): Promise<void> {
  const own = (await listSessions(kv, actor.staffId)).some((session) => session.id === sessionId);
  if (!own) throw new NotFoundError("No such session of yours.");
  await revokeSessionById(kv, sessionId);
  if (audit) {
    await recordAudit(audit, {
      actor: { type: "staff", id: actor.staffId, label: actor.email },
      action: "auth.session_revoked",
      entity: { type: "staff", id: actor.staffId },
      ip: actor.ip,
      userAgent: actor.userAgent,
    });
  }
}

/**
 * One-time tokens that carry a fresh sign-in from one host to another: sign-up happens on the
 * platform's host, the studio lives at its own, and a cookie cannot cross hosts. The token is
 * single-use, expires in two minutes and is stored only as its SHA-256.
 *
 * Key shape:
 *
 *   ["handoff_tokens", sha256(token)] → { staffId, tenantId }   expires after HANDOFF_TTL_MS
 */
import { generateSessionToken, sessionIdOf } from "./sessions.ts";
import { deleteNamingStudio } from "./batch_delete.ts";

export const HANDOFF_TTL_MS = 2 * 60_000;

export interface Handoff {
  staffId: string;
  tenantId: string;
}

const key = (token: string): Deno.KvKey => ["handoff_tokens", sessionIdOf(token)];

export async function createHandoff(kv: Deno.Kv, handoff: Handoff): Promise<string> {
  const token = generateSessionToken();
  await kv.set(key(token), handoff, { expireIn: HANDOFF_TTL_MS });
  return token;
}

/** The handoff for `token` in studio `tenantId`, consumed: a second use, or another studio, gets null. */
export async function consumeHandoff(kv: Deno.Kv, token: string, tenantId: string): Promise<Handoff | null> {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const entry = await kv.get<Handoff>(key(token));
  if (!entry.value || entry.value.tenantId !== tenantId) return null;
  const result = await kv.atomic().check(entry).delete(entry.key).commit();
  return result.ok ? entry.value : null;
}

/** Voids the (two-minute) handoffs into a deleted studio. */
export async function deleteStudioHandoffs(kv: Deno.Kv, tenantId: string): Promise<number> {
  return await deleteNamingStudio(kv, ["handoff_tokens"], tenantId);
}

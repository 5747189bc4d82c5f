/**
 * Magic sign-in links for the studio's clients: single use, 15 minutes, stored as the SHA-256 of the
 * token. A link is bound to the studio, the address it was mailed to and the client record that
 * address belongs to — clicking it is what proves the visitor owns that address.
 *
 * Key shape:
 *
 *   ["portal_links", sha256(token)] → PortalLink   expires after 15 minutes
 */
import { generateSessionToken, sessionIdOf } from "./sessions.ts";

export interface PortalLink {
  tenantId: string;
  email: string;
  clientId: string;
  expiresAt: string;
}

export const PORTAL_LINK_TTL_MS = 15 * 60_000;
const TOKEN = /^[a-z2-7]{32}$/;
const keyOf = (token: string): Deno.KvKey => ["portal_links", sessionIdOf(token)];

export async function issuePortalLink(
  kv: Deno.Kv,
  subject: Omit<PortalLink, "expiresAt">,
  now = Date.now(),
): Promise<string> {
  const token = generateSessionToken();
  const link: PortalLink = { ...subject, expiresAt: new Date(now + PORTAL_LINK_TTL_MS).toISOString() };
  await kv.set(keyOf(token), link, { expireIn: PORTAL_LINK_TTL_MS });
  return token;
}

/** The link's subject, once: a second use, another studio's link or an expired one is null. */
export async function consumePortalLink(
  kv: Deno.Kv,
  token: string,
  tenantId: string,
  now = Date.now(),
): Promise<PortalLink | null> {
  if (!TOKEN.test(token)) return null;
  const entry = await kv.get<PortalLink>(keyOf(token));
  const link = entry.value;
  if (!link || link.tenantId !== tenantId || now >= Date.parse(link.expiresAt)) return null;
  const result = await kv.atomic().check(entry).delete(entry.key).commit();
  return result.ok ? link : null;
}

/**
 * Magic sign-in links for the studio's clients: single use, 15 minutes, stored as the SHA-256 of the
 * token. A link is bound to the studio, the address it was mailed to and the client record that
 * address belongs to — clicking it is what proves the visitor owns that address.
 *
 * A link has a purpose: signing in (the default), or confirming a new sign-in address for an
 * existing account (`email_change`, bound to that account). A link is only ever consumed for its own
 * purpose, so a sign-in link cannot change an address and a change link cannot sign anyone in.
 *
 * Key shape:
 *
 *   ["portal_links", sha256(token)] → PortalLink   expires after 15 minutes (3 days for a staff invitation)
 */
import { generateSessionToken, sessionIdOf } from "./sessions.ts";
import { deleteNamingStudio } from "./batch_delete.ts";

export type PortalLinkPurpose = "sign_in" | "email_change";

export interface PortalLink {
  tenantId: string;
  email: string;
  clientId: string;
  expiresAt: string;
  /** Absent on sign-in links. */
  purpose?: PortalLinkPurpose;
  /** The account whose address changes (`email_change` links). */
  accountId?: string;
}

export const PORTAL_LINK_TTL_MS = 15 * 60_000;
const TOKEN = /^[a-z2-7]{32}$/;
const keyOf = (token: string): Deno.KvKey => ["portal_links", sessionIdOf(token)];

/** How long a staff invitation's link works: the client may read the e-mail days later. */
export const PORTAL_INVITATION_TTL_MS = 3 * 24 * 60 * 60_000;

export async function issuePortalLink(
  kv: Deno.Kv,
  subject: Omit<PortalLink, "expiresAt">,
  now = Date.now(),
  ttlMs = PORTAL_LINK_TTL_MS,
): Promise<string> {
  const token = generateSessionToken();
  const link: PortalLink = { ...subject, expiresAt: new Date(now + ttlMs).toISOString() };
  await kv.set(keyOf(token), link, { expireIn: ttlMs });
  return token;
}

/**
 * The link's subject, once: a second use, another studio's link, an expired one or one made for
 * another purpose is null (and a link of another purpose is left unused).
 */
export async function consumePortalLink(
  kv: Deno.Kv,
  token: string,
  tenantId: string,
  now = Date.now(),
  purpose: PortalLinkPurpose = "sign_in",
): Promise<PortalLink | null> {
  if (!TOKEN.test(token)) return null;
  const entry = await kv.get<PortalLink>(keyOf(token));
  const link = entry.value;
  if (!link || link.tenantId !== tenantId || now >= Date.parse(link.expiresAt)) return null;
  if ((link.purpose ?? "sign_in") !== purpose) return null;
  const result = await kv.atomic().check(entry).delete(entry.key).commit();
  return result.ok ? link : null;
}

/**
 * Voids every unused link of a deleted studio. Links have no per-studio index; they live 15 minutes
 * (3 days for an invitation), so the scan is over the few outstanding ones.
 */
export async function deleteStudioPortalLinks(kv: Deno.Kv, tenantId: string): Promise<number> {
  return await deleteNamingStudio(kv, ["portal_links"], tenantId);
}

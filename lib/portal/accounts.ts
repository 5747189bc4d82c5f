/**
 * Portal accounts: how a studio's client signs in. An account is bound to a client record only when
 * someone proves they read that record's e-mail (a magic link sent to it — which is also how staff
 * invite a client), never through an id the visitor supplies.
 */
import { and, asc, eq, isNull, or, sql } from "drizzle-orm";
import { clients, portalAccounts } from "../../db/schema/mod.ts";
import { recordAudit } from "../audit/audit.ts";
import { newId } from "../kv/ids.ts";
import { consumePortalLink, issuePortalLink, type PortalLink } from "../kv/portal_links.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";

export type PortalAccount = typeof portalAccounts.$inferSelect;
type Reader = Pick<TenantDb, "select">;

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/** The client an address belongs to: its main or an extra e-mail, oldest record first; archived ones never. */
export async function clientIdForEmail(db: Reader, email: string): Promise<string | null> {
  const address = normalizeEmail(email);
  const [row] = await db.select({ id: clients.id }).from(clients).where(and(
    isNull(clients.archivedAt),
    or(
      sql`lower(${clients.email}) = ${address}`,
      sql`${address} = ANY (SELECT lower(e) FROM unnest(${clients.extraEmails}) AS e)`,
    ),
  )).orderBy(asc(clients.createdAt), asc(clients.id)).limit(1);
  return row?.id ?? null;
}

/**
 * Who a sign-in link for `email` would sign in: its account's client, or the client record the
 * address belongs to. Null means no link is sent (the page answers the same either way).
 */
export async function signInSubject(db: Reader, email: string): Promise<string | null> {
  const address = normalizeEmail(email);
  const [account] = await db.select().from(portalAccounts).where(eq(portalAccounts.email, address));
  if (account) return account.disabledAt ? null : account.clientId;
  return await clientIdForEmail(db, address);
}

/** A single-use sign-in link token for the address, bound to its client; null when it has none. */
export async function issueSignInLink(
  db: Reader,
  kv: Deno.Kv,
  tenantId: string,
  email: string,
): Promise<string | null> {
  const clientId = await signInSubject(db, email);
  if (!clientId) return null;
  return await issuePortalLink(kv, { tenantId, email: normalizeEmail(email), clientId });
}

/**
 * Signs in with a link: the click proves the address, so the account is created (bound to the
 * link's client) or its address marked verified. Null for a used, expired or foreign link, or a
 * disabled account.
 */
export async function signInWithLink(
  db: TenantDb,
  kv: Deno.Kv,
  tenantId: string,
  token: string,
  now = new Date(),
): Promise<PortalAccount | null> {
  const link = await consumePortalLink(kv, token, tenantId, now.getTime());
  if (!link) return null;
  return await accountForLink(db, link, now);
}

async function accountForLink(db: TenantDb, link: PortalLink, now: Date): Promise<PortalAccount | null> {
  return await db.transaction(async (tx) => {
    const [existing] = await tx.select().from(portalAccounts).where(eq(portalAccounts.email, link.email))
      .for("update");
    if (existing) {
      if (existing.disabledAt) return null;
      const [row] = await tx.update(portalAccounts).set({
        lastSignInAt: now,
        emailVerifiedAt: existing.emailVerifiedAt ?? now,
      }).where(eq(portalAccounts.id, existing.id)).returning();
      return row;
    }
    const [client] = await tx.select({ id: clients.id, archivedAt: clients.archivedAt }).from(clients)
      .where(eq(clients.id, link.clientId));
    if (!client || client.archivedAt) return null;
    const [row] = await tx.insert(portalAccounts).values({
      id: newId("pac"),
      clientId: link.clientId,
      email: link.email,
      emailVerifiedAt: now,
      createdAt: now,
      lastSignInAt: now,
    }).onConflictDoNothing().returning();
    // A parallel click on a second link for the same address created it first: use that one.
    if (!row) return (await tx.select().from(portalAccounts).where(eq(portalAccounts.email, link.email)))[0];
    await recordAudit(tx, {
      actor: { type: "client", id: link.clientId },
      action: "portal_account.created",
      entity: { type: "client", id: link.clientId },
      changes: { portalEmail: { after: link.email } },
    });
    return row;
  });
}

export async function getPortalAccount(db: Reader, id: string): Promise<PortalAccount | null> {
  const [row] = await db.select().from(portalAccounts).where(eq(portalAccounts.id, id));
  return row ?? null;
}

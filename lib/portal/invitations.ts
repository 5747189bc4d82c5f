/**
 * Staff invite a client to the portal from the client's page: the client record's own e-mail address
 * receives a single-use sign-in link bound to that record (lib/kv/portal_links.ts). Clicking it is
 * what creates the portal account (lib/portal/accounts.ts), so the account is bound to the client
 * only once someone proved they read that address — the invitation names the record, the click
 * proves the address.
 */
import { eq } from "drizzle-orm";
import { clients, portalAccounts } from "../../db/schema/mod.ts";
import { type ActingAs, recordAudit } from "../audit/audit.ts";
import { getIssuer } from "../billing/settings.ts";
import { ConflictError, NotFoundError, RateLimitedError, ValidationError } from "../errors.ts";
import { createTranslator } from "../i18n/mod.ts";
import { issuePortalLink, PORTAL_INVITATION_TTL_MS } from "../kv/portal_links.ts";
import { hitRateLimit, type RateLimitRule } from "../kv/rate_limits.ts";
import type { Mailer } from "../mail/mailer.ts";
import { clientMail } from "../notifications/client_mail.tsx";
import { mailLocale } from "../notifications/recipient.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { normalizeEmail } from "./accounts.ts";

/** Enough for a lost e-mail or two; not a way to flood a client's inbox. */
export const INVITES_PER_CLIENT: RateLimitRule = {
  name: "portal-invite:client",
  limit: 3,
  windowMs: 24 * 60 * 60_000,
};

export interface PortalInvitation {
  tenantId: string;
  clientId: string;
  /** The portal's sign-in address for a token, on the studio's own host. */
  linkFor: (token: string) => string;
}

/**
 * E-mails the client a portal sign-in link bound to their record and audits `portal.invited`.
 * Refused: an archived client (ConflictError), one without an e-mail address (ValidationError on
 * `email`), an address whose portal account belongs to another client record or is disabled
 * (ConflictError), and more than three invitations of one client a day (RateLimitedError).
 */
export async function invitePortalClient(
  db: TenantDb,
  kv: Deno.Kv,
  mailer: Mailer,
  invitation: PortalInvitation,
  acting: ActingAs,
  now = new Date(),
): Promise<{ email: string }> {
  const [client] = await db.select({
    id: clients.id,
    name: clients.name,
    email: clients.email,
    locale: clients.locale,
    archivedAt: clients.archivedAt,
  }).from(clients).where(eq(clients.id, invitation.clientId));
  if (!client) throw new NotFoundError("No client with this id.");
  if (client.archivedAt) throw new ConflictError("Restore the client before inviting them to the portal.");
  const email = normalizeEmail(client.email ?? "");
  if (!email) {
    throw new ValidationError({
      email: "Add the client's e-mail address before inviting them to the portal.",
    });
  }
  const [account] = await db.select().from(portalAccounts).where(eq(portalAccounts.email, email));
  if (account && account.clientId !== client.id) {
    throw new ConflictError(
      "This address already signs in to the portal for another client record. Merge the two clients or change the address.",
    );
  }
  if (account?.disabledAt) throw new ConflictError("This client's portal access is turned off.");
  const hit = await hitRateLimit(
    kv,
    INVITES_PER_CLIENT,
    `${invitation.tenantId}:${client.id}`,
    now.getTime(),
  );
  if (!hit.allowed) {
    throw new RateLimitedError(
      hit.retryAfterSeconds,
      "This client was invited three times today already. Try again tomorrow.",
    );
  }

  const token = await issuePortalLink(
    kv,
    { tenantId: invitation.tenantId, email, clientId: client.id },
    now.getTime(),
    PORTAL_INVITATION_TTL_MS,
  );
  const issuer = await getIssuer(db);
  const locale = mailLocale(client.locale, issuer.locale);
  const { t } = createTranslator(locale);
  await mailer.send(clientMail(locale, {
    to: email,
    name: client.name,
    studio: issuer.name,
    subject: t("portal_requests.invite.mail.subject", { studio: issuer.name }),
    body: [t("portal_requests.invite.mail.intro", { studio: issuer.name })],
    action: { label: t("portal_requests.invite.mail.action"), link: invitation.linkFor(token) },
    outro: t("portal_requests.invite.mail.outro"),
  }));
  await recordAudit(db, {
    ...acting,
    action: "portal.invited",
    entity: { type: "client", id: client.id },
    changes: { portalEmail: { after: email } },
  });
  return { email };
}

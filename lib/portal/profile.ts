/**
 * The client's own contact details on the portal, and their sign-in e-mail. A client edits only what
 * is about them (name, artist name, phone, postal address, language); kind, tags, currency, tax id,
 * extra addresses and notes stay with staff. The sign-in e-mail never changes through a form: the
 * new address gets a single-use link (lib/kv/portal_links.ts, purpose `email_change`) and the change
 * happens only when the signed-in client opens it.
 */
import { and, eq, ne, sql } from "drizzle-orm";
import type { z } from "zod";
import { clients, portalAccounts } from "../../db/schema/mod.ts";
import { type ActingAs, changedFields, recordAudit } from "../audit/audit.ts";
import { ClientInputError, clientInputSchema, parseClientSchema } from "../clients/client_input.ts";
import { ConflictError, NotFoundError, RateLimitedError } from "../errors.ts";
import { consumePortalLink, issuePortalLink } from "../kv/portal_links.ts";
import { hitRateLimit, type RateLimitRule } from "../kv/rate_limits.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { normalizeEmail } from "./accounts.ts";

type Reader = Pick<TenantDb, "select">;

/** What the client may change about themselves. */
export const profileInputSchema = clientInputSchema.pick({
  name: true,
  artistName: true,
  phone: true,
  addressLine1: true,
  addressLine2: true,
  postalCode: true,
  city: true,
  region: true,
  country: true,
  locale: true,
});
export type ProfileInput = z.input<typeof profileInputSchema>;

const PROFILE_COLUMNS = {
  name: clients.name,
  artistName: clients.artistName,
  phone: clients.phone,
  addressLine1: clients.addressLine1,
  addressLine2: clients.addressLine2,
  postalCode: clients.postalCode,
  city: clients.city,
  region: clients.region,
  country: clients.country,
  locale: clients.locale,
};

export interface Profile {
  name: string;
  artistName: string | null;
  phone: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  postalCode: string | null;
  city: string | null;
  region: string | null;
  country: string | null;
  locale: string | null;
  /** The client record's version: an edit from a page opened before another change is refused. */
  version: number;
}

/** The signed-in client's details; NotFoundError if the record is gone or archived. */
export async function clientProfile(db: Reader, clientId: string): Promise<Profile> {
  const [row] = await db.select({
    ...PROFILE_COLUMNS,
    version: clients.version,
    archivedAt: clients.archivedAt,
  })
    .from(clients).where(eq(clients.id, clientId));
  if (!row || row.archivedAt) throw new NotFoundError("No such client.");
  const { archivedAt: _archivedAt, ...profile } = row;
  return profile;
}

/**
 * Saves the client's own details, audited as `client.updated` (actor: the client) with the fields
 * that changed, in one transaction. `version` is the one the page showed; a record changed since
 * (by staff, or on another device) is a ConflictError. Bad fields are a ClientInputError by field.
 */
export async function updateProfile(
  db: TenantDb,
  clientId: string,
  input: ProfileInput,
  version: number,
  acting: ActingAs,
): Promise<Profile> {
  const data = parseClientSchema(profileInputSchema, input);
  return await db.transaction(async (tx) => {
    const [before] = await tx.select({
      ...PROFILE_COLUMNS,
      version: clients.version,
      archivedAt: clients.archivedAt,
    })
      .from(clients).where(eq(clients.id, clientId)).for("update");
    if (!before || before.archivedAt) throw new NotFoundError("No such client.");
    if (before.version !== version) {
      throw new ConflictError("Your details were changed elsewhere since this page was opened.");
    }
    const { archivedAt: _archivedAt, version: _version, ...old } = before;
    const changes = changedFields(old, data);
    if (Object.keys(changes).length === 0) return { ...old, version };
    const [row] = await tx.update(clients).set({ ...data, version: version + 1, updatedAt: new Date() })
      .where(eq(clients.id, clientId)).returning({ ...PROFILE_COLUMNS, version: clients.version });
    await recordAudit(tx, {
      ...acting,
      action: "client.updated",
      entity: { type: "client", id: clientId },
      changes,
    });
    return row;
  });
}

/** Change links asked for by one account: a typo or two, not a way to mail-bomb an address. */
export const EMAIL_CHANGE_LIMIT: RateLimitRule = {
  name: "portal-email-change:account",
  limit: 5,
  windowMs: 60 * 60_000,
};

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** The account whose sign-in e-mail changes: always the session's, never one the visitor names. */
export interface AccountRef {
  tenantId: string;
  accountId: string;
  clientId: string;
  email: string;
}

/**
 * A single-use link that moves `account`'s sign-in to `newEmail`, to be mailed to that address; null
 * when the address already signs in another account (the page answers the same either way, so it
 * tells no one whose address it is). A bad address or the current one is a ClientInputError on
 * `email`; more than {@link EMAIL_CHANGE_LIMIT} requests an hour, a RateLimitedError.
 */
export async function requestEmailChange(
  db: Reader,
  kv: Deno.Kv,
  account: AccountRef,
  newEmail: string,
): Promise<string | null> {
  const email = normalizeEmail(newEmail);
  if (email.length > 254 || !EMAIL.test(email)) {
    throw new ClientInputError({ email: { id: "clients.error.email" } });
  }
  if (email === account.email) throw new ClientInputError({ email: { id: "portal_account.email.same" } });
  const hit = await hitRateLimit(kv, EMAIL_CHANGE_LIMIT, `${account.tenantId}:${account.accountId}`);
  if (!hit.allowed) throw new RateLimitedError(hit.retryAfterSeconds);
  const [taken] = await db.select({ id: portalAccounts.id }).from(portalAccounts)
    .where(eq(portalAccounts.email, email));
  if (taken) return null;
  return await issuePortalLink(kv, {
    tenantId: account.tenantId,
    email,
    clientId: account.clientId,
    accountId: account.accountId,
    purpose: "email_change",
  });
}

export type EmailChangeOutcome =
  | { status: "changed"; before: string; after: string; clientEmailChanged: boolean }
  /** Used, expired, another account's or another studio's link. */
  | { status: "invalid" }
  /** Another account took the address since the link was sent. */
  | { status: "taken" };

/**
 * Applies an e-mail change link for the signed-in `account`: its sign-in address becomes the link's
 * (verified now), and the client record's main e-mail follows when it was the old sign-in address
 * (when the client signed in with one of the record's other addresses, the main one is left to
 * staff). One transaction, audited as `portal_account.email_changed` (actor: the client).
 */
export async function confirmEmailChange(
  db: TenantDb,
  kv: Deno.Kv,
  account: AccountRef,
  token: string,
  acting: ActingAs,
  now = new Date(),
): Promise<EmailChangeOutcome> {
  const link = await consumePortalLink(kv, token, account.tenantId, now.getTime(), "email_change");
  if (!link || link.accountId !== account.accountId || link.clientId !== account.clientId) {
    return { status: "invalid" };
  }
  return await db.transaction(async (tx) => {
    const [current] = await tx.select().from(portalAccounts).where(eq(portalAccounts.id, account.accountId))
      .for("update");
    if (!current || current.disabledAt || current.clientId !== link.clientId) return { status: "invalid" };
    const [taken] = await tx.select({ id: portalAccounts.id }).from(portalAccounts)
      .where(and(eq(portalAccounts.email, link.email), ne(portalAccounts.id, current.id)));
    if (taken) return { status: "taken" };
    await tx.update(portalAccounts).set({ email: link.email, emailVerifiedAt: now })
      .where(eq(portalAccounts.id, current.id));
    const moved = await tx.update(clients).set({
      email: link.email,
      version: sql`${clients.version} + 1`,
      updatedAt: now,
    }).where(and(eq(clients.id, current.clientId), sql`lower(${clients.email}) = ${current.email}`))
      .returning({ id: clients.id });
    await recordAudit(tx, {
      ...acting,
      action: "portal_account.email_changed",
      entity: { type: "client", id: current.clientId },
      changes: {
        portalEmail: { before: current.email, after: link.email },
        ...(moved.length ? { email: { before: current.email, after: link.email } } : {}),
      },
    });
    return {
      status: "changed",
      before: current.email,
      after: link.email,
      clientEmailChanged: moved.length > 0,
    };
  });
}

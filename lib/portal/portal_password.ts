/**
 * The portal's optional password. A client may keep signing in by e-mailed link only, or also choose
 * a password (same hashing and strength rules as staff passwords, lib/auth/password.ts). Signing in
 * with it is rate limited like staff sign-in (per account and per network address, in KV) and
 * answers every failure — unknown address, no password, wrong password, disabled account — with one
 * message in about the same time, so it tells no one which addresses the studio knows.
 */
import { eq } from "drizzle-orm";
import { portalAccounts } from "../../db/schema/mod.ts";
import { type ActingAs, recordAudit } from "../audit/audit.ts";
import { hashPassword, needsRehash, passwordProblem, verifyPassword } from "../auth/password.ts";
import { ClientInputError, type FieldProblem } from "../clients/client_input.ts";
import { NotFoundError, RateLimitedError, ValidationError } from "../errors.ts";
import { hitRateLimit, type RateLimitRule, resetRateLimit } from "../kv/rate_limits.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { normalizeEmail, type PortalAccount } from "./accounts.ts";
import { withMessage } from "./portal_locale.ts";

/** Wrong guesses at one portal account, whoever makes them (as SIGN_IN_PER_ACCOUNT for staff). */
export const PORTAL_SIGN_IN_PER_ACCOUNT: RateLimitRule = {
  name: "portal-sign-in:account",
  limit: 10,
  windowMs: 15 * 60_000,
};
/** Attempts from one network address, whatever the account (as SIGN_IN_PER_ADDRESS for staff). */
export const PORTAL_SIGN_IN_PER_ADDRESS: RateLimitRule = {
  name: "portal-sign-in:address",
  limit: 50,
  windowMs: 15 * 60_000,
};

/** Every refused password sign-in, with one message: it reveals nothing about the address. */
export class PortalSignInRefused extends ValidationError {
  constructor() {
    super({ password: "The e-mail or password is not right." }, "Sign-in refused.");
  }
}

// Verified against when there is no hash to check, so a miss costs as long as a wrong password.
let dummyHash: Promise<string> | undefined;
const dummy = () => dummyHash ??= hashPassword(crypto.randomUUID());

/**
 * The account `email` and `password` open on studio `tenantId`, its last sign-in stamped (and its
 * hash renewed when made with older parameters). Throws RateLimitedError past either limit and
 * PortalSignInRefused for anything else that is not a match.
 */
export async function signInWithPassword(
  db: TenantDb,
  kv: Deno.Kv,
  attempt: { tenantId: string; email: string; password: string; ip: string },
  now = new Date(),
): Promise<PortalAccount> {
  const email = normalizeEmail(attempt.email);
  const limits = [
    [PORTAL_SIGN_IN_PER_ADDRESS, `${attempt.tenantId}:${attempt.ip}`],
    [PORTAL_SIGN_IN_PER_ACCOUNT, `${attempt.tenantId}:${email}`],
  ] as const;
  for (const [rule, subject] of limits) {
    const hit = await hitRateLimit(kv, rule, subject, now.getTime());
    if (!hit.allowed) {
      throw withMessage(
        new RateLimitedError(hit.retryAfterSeconds, "Too many sign-in attempts. Wait a few minutes."),
        "portal.error.sign_in_attempts",
      );
    }
  }
  const [account] = email.length <= 254
    ? await db.select().from(portalAccounts).where(eq(portalAccounts.email, email))
    : [];
  const matches = await verifyPassword(attempt.password, account?.passwordHash ?? await dummy());
  if (!account?.passwordHash || !matches || account.disabledAt) throw new PortalSignInRefused();

  await resetRateLimit(kv, PORTAL_SIGN_IN_PER_ACCOUNT, `${attempt.tenantId}:${email}`, now.getTime());
  const [signedIn] = await db.update(portalAccounts).set({
    lastSignInAt: now,
    ...(needsRehash(account.passwordHash) ? { passwordHash: await hashPassword(attempt.password) } : {}),
  }).where(eq(portalAccounts.id, account.id)).returning();
  return signedIn;
}

/** A password rule broken, as a message id the page translates (the English text is the fallback). */
function passwordRule(english: string): FieldProblem {
  const ids: [RegExp, FieldProblem["id"]][] = [
    [/^Use at least/, "portal_account.password.too_short"],
    [/^Use at most/, "portal_account.password.too_long"],
    [/e-mail address/, "portal_account.password.contains_email"],
    [/your name/, "portal_account.password.contains_name"],
    [/most common/, "portal_account.password.common"],
    [/Repeated or consecutive/, "portal_account.password.predictable"],
  ];
  return { id: ids.find(([pattern]) => pattern.test(english))?.[1] ?? "portal_account.password.weak" };
}

/**
 * Sets or replaces the account's password after the strength rules (ClientInputError on `password`,
 * or on `confirm` when the two differ). Audited as `portal_account.password_set` or
 * `portal_account.password_changed` (no hash in the log), in one transaction.
 */
export async function setPortalPassword(
  db: TenantDb,
  accountId: string,
  input: { password: string; confirm: string; name?: string },
  acting: ActingAs,
): Promise<"set" | "changed"> {
  return await db.transaction(async (tx) => {
    const [account] = await tx.select().from(portalAccounts).where(eq(portalAccounts.id, accountId)).for(
      "update",
    );
    if (!account || account.disabledAt) throw new NotFoundError("No such account.");
    const problem = passwordProblem(input.password, { email: account.email, name: input.name });
    if (problem) throw new ClientInputError({ password: passwordRule(problem) });
    if (input.password !== input.confirm) {
      throw new ClientInputError({ confirm: { id: "portal_account.password.mismatch" } });
    }
    const outcome = account.passwordHash ? "changed" : "set";
    await tx.update(portalAccounts).set({ passwordHash: await hashPassword(input.password) })
      .where(eq(portalAccounts.id, accountId));
    await recordAudit(tx, {
      ...acting,
      action: `portal_account.password_${outcome}`,
      entity: { type: "client", id: account.clientId },
    });
    return outcome;
  });
}

/** Removes the account's password (signing in by link only again); audited as `portal_account.password_removed`. */
export async function removePortalPassword(
  db: TenantDb,
  accountId: string,
  acting: ActingAs,
): Promise<boolean> {
  return await db.transaction(async (tx) => {
    const [account] = await tx.select().from(portalAccounts).where(eq(portalAccounts.id, accountId)).for(
      "update",
    );
    if (!account || account.disabledAt) throw new NotFoundError("No such account.");
    if (!account.passwordHash) return false;
    await tx.update(portalAccounts).set({ passwordHash: null }).where(eq(portalAccounts.id, accountId));
    await recordAudit(tx, {
      ...acting,
      action: "portal_account.password_removed",
      entity: { type: "client", id: account.clientId },
    });
    return true;
  });
}

/** Whether the account has a password (the profile page offers change/remove, or set). */
export async function hasPortalPassword(db: Pick<TenantDb, "select">, accountId: string): Promise<boolean> {
  const [row] = await db.select({ hash: portalAccounts.passwordHash }).from(portalAccounts)
    .where(eq(portalAccounts.id, accountId));
  return Boolean(row?.hash);
}

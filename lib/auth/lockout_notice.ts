/**
 * Telling a person that wrong passwords have locked their account out of signing in. The per-account
 * sign-in limit (lib/auth/sign_in.ts) counts attempts in fixed windows; when failures fill a window,
 * the account's owner gets ONE e-mail for that window ("someone tried to sign in… if it was not you,
 * choose a new password") with a link to the forgotten-password page. Idempotent per window across
 * app instances (lib/kv/lockout_notices.ts).
 *
 * ```ts
 * await signIn(kv, attempt, studio.db, lockoutNotifier(ctx)); // lib/http/lockout_notifier.ts
 * ```
 */
import type { Locale } from "../i18n/mod.ts";
import { claimLockoutNotice } from "../kv/lockout_notices.ts";
import { rateLimitHits, type RateLimitRule } from "../kv/rate_limits.ts";
import { getMembership, listMemberships, type StaffIdentity } from "../kv/staff.ts";
import { getTenant, type Tenant } from "../kv/tenants.ts";
import { type Mailer, sendInBackground } from "../mail/mailer.ts";
import { lockoutNoticeMail } from "./account_mail.tsx";

/** What a sign-in form knows to send a lockout notice: from which studio, in which language, how. */
export interface LockoutNotifier {
  mailer: Mailer;
  locale: Locale;
  /** The studio the attempts were made at. */
  tenantId: string;
  /** The forgotten-password page of a studio, for the notice's link. */
  forgotPasswordLink: (tenant: Tenant, email: string) => string;
}

/**
 * After a wrong password for `staff`: when failures have now filled the window of `rule`, sends the
 * window's one notice. The link goes to this studio when the person belongs to it, else to their
 * first studio (the lock is per account, so it keeps them out of every studio). Returns the delivery
 * (which never rejects) or null when nothing was sent.
 */
export async function noticeLockoutIfLocked(
  kv: Deno.Kv,
  notifier: LockoutNotifier,
  staff: Pick<StaffIdentity, "id" | "email" | "name">,
  rule: RateLimitRule,
  now = Date.now(),
): Promise<{ delivered: Promise<void> } | null> {
  if (await rateLimitHits(kv, rule, staff.email, now) < rule.limit) return null;
  const here = await getMembership(kv, notifier.tenantId, staff.id);
  const tenantId = here ? notifier.tenantId : (await listMemberships(kv, staff.id))[0]?.tenantId;
  const tenant = tenantId ? await getTenant(kv, tenantId) : null;
  if (!tenant) return null;
  const start = now - (now % rule.windowMs);
  if (!(await claimLockoutNotice(kv, staff.email, { start, ms: rule.windowMs }, now))) return null;
  const message = lockoutNoticeMail(notifier.locale, {
    to: staff.email,
    name: staff.name,
    studio: tenant.name,
    link: notifier.forgotPasswordLink(tenant, staff.email),
    minutes: Math.max(1, Math.ceil((start + rule.windowMs - now) / 60_000)),
  });
  return {
    delivered: sendInBackground(notifier.mailer, message, { staffId: staff.id, tenantId: tenant.id }),
  };
}

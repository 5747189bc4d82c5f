/**
 * "Require two-factor authentication" for a whole studio (docs/SSO.md, "Requiring two-factor
 * authentication"). When an owner turns it on, a member without 2FA who is signed in can reach only
 * the page where 2FA is set up (and sign out, which is outside the staff app) until they have it; the
 * staff app's middleware (routes/app/_middleware.ts) and the API's cookie sessions (lib/api/auth.ts)
 * ask {@link needsTwoFactorSetup}.
 * API keys are not people and are not affected.
 *
 * An SSO sign-in counts when the provider says it used multi-factor authentication: its ID token's
 * `amr` claim (RFC 8176) holds "mfa" (Okta, Entra ID and Auth0 send it; Google does not, so Google
 * Workspace people set up 2FA here too). lib/auth/sso.ts marks such sessions.
 *
 * ```ts
 * if (await needsTwoFactorSetup(kv, ctx.state.staff, tenant.id)) return redirect(base + TWO_FACTOR_SETUP_PATH);
 * await setTwoFactorRequired(kv, { tenantId, required: true, acting, audit: studio.db });
 * ```
 */
import { type ActingAs, type AuditWriter, recordAudit } from "../audit/audit.ts";
import { ValidationError } from "../errors.ts";
import { listMembers } from "../kv/staff.ts";
import { getStudioSecurityEntry, isProviderMfaSession, putStudioSecurity } from "../kv/studio_security.ts";
import { getTwoFactor } from "../kv/two_factor.ts";

/** Where a member sets up 2FA (routes/app/account/security.tsx), under the studio's base. */
export const TWO_FACTOR_SETUP_PATH = "/app/account/security";

/** Whether an ID token's `amr` claim says the provider checked more than one factor. */
export function providerUsedMfa(amr: unknown): boolean {
  return Array.isArray(amr) && amr.includes("mfa");
}

/**
 * Whether the signed-in member must set up 2FA before anything else here: the studio requires it
 * (read with the member, lib/http/staff_session.ts), they have none, and this session is not an SSO
 * sign-in with the provider's MFA. No KV read when the studio does not require 2FA.
 */
export async function needsTwoFactorSetup(
  kv: Deno.Kv,
  staff: { id: string; sessionId: string; studioRequiresTwoFactor: boolean },
  tenantId: string,
): Promise<boolean> {
  if (!staff.studioRequiresTwoFactor) return false;
  if (await getTwoFactor(kv, staff.id)) return false;
  return !(await isProviderMfaSession(kv, staff.sessionId, staff.id, tenantId));
}

/** Whether `path` (without the studio's base) stays open to a member who still owes 2FA set-up. */
export function reachableBeforeTwoFactor(path: string): boolean {
  return path === TWO_FACTOR_SETUP_PATH;
}

/** How many members of the studio have not turned 2FA on (SSO sign-ins with MFA are not known here). */
export async function membersWithoutTwoFactor(kv: Deno.Kv, tenantId: string): Promise<number> {
  const members = await listMembers(kv, tenantId);
  let missing = 0;
  // getMany takes at most 10 keys.
  for (let i = 0; i < members.length; i += 10) {
    const keys = members.slice(i, i + 10).map((member) => ["two_factor", member.staffId]);
    for (const entry of await kv.getMany(keys)) if (entry.value === null) missing++;
  }
  return missing;
}

export interface SetTwoFactorRequired {
  tenantId: string;
  required: boolean;
  acting: ActingAs;
  audit: AuditWriter;
}

/**
 * Turns the requirement on or off; audited as `security.two_factor_required` or
 * `security.two_factor_not_required` when it changes. Returns whether it changed.
 */
export async function setTwoFactorRequired(kv: Deno.Kv, change: SetTwoFactorRequired): Promise<boolean> {
  const entry = await getStudioSecurityEntry(kv, change.tenantId);
  const before = entry.value?.requireTwoFactor ?? false;
  if (before === change.required) return false;
  const saved = await putStudioSecurity(kv, entry, {
    tenantId: change.tenantId,
    requireTwoFactor: change.required,
    updatedAt: new Date().toISOString(),
    updatedBy: change.acting.actor.id ?? "",
  });
  if (!saved) {
    throw new ValidationError(
      { requireTwoFactor: "Someone else saved this setting meanwhile; check it and save again." },
      "The security settings were not saved.",
    );
  }
  await recordAudit(change.audit, {
    ...change.acting,
    action: change.required ? "security.two_factor_required" : "security.two_factor_not_required",
    entity: { type: "studio_security", id: change.tenantId },
    changes: { requireTwoFactor: { before, after: change.required } },
  });
  return true;
}

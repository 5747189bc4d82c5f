/**
 * Everything a studio keeps in the control plane besides its catalog entry, removed when the studio
 * is deleted (`deleteStudio`, after its database is dropped and before its catalog record goes).
 *
 * Each step deletes in bounded atomic batches and is safe to repeat, so a deletion that crashes
 * part-way leaves the record "deleting" and `resumeUnfinished` runs every step again. Staff
 * sessions go before memberships because they are found through the studio's members.
 */
import { deleteApiCors } from "../kv/api_cors.ts";
import { deleteStudioApiKeys } from "../kv/api_keys.ts";
import { deleteStudioReminderClaims } from "../kv/booking_reminders.ts";
import { deleteStudioEmailTokens } from "../kv/email_tokens.ts";
import { deleteStudioHandoffs } from "../kv/handoff_tokens.ts";
import { deleteStudioInvitations } from "../kv/invitations.ts";
import { deleteStudioPortalLinks } from "../kv/portal_links.ts";
import { deleteStudioPortalSessions } from "../kv/portal_sessions.ts";
import { deleteStudioRateLimits } from "../kv/rate_limits.ts";
import { revokeStudioSessions } from "../kv/sessions.ts";
import { deleteStudioSso } from "../kv/sso_config.ts";
import { deleteStudioMemberships, listMembers } from "../kv/staff.ts";
import { forgetStudioStripeAccounts } from "../kv/stripe_accounts.ts";
import { deleteStudioSecurity } from "../kv/studio_security.ts";
import { deleteStudioChallenges } from "../kv/two_factor.ts";

const STEPS = {
  async "staff-sessions"(kv: Deno.Kv, tenantId: string) {
    let ended = 0;
    for (const member of await listMembers(kv, tenantId)) {
      ended += await revokeStudioSessions(kv, member.staffId, tenantId);
    }
    return ended;
  },
  memberships: deleteStudioMemberships,
  "api-keys": deleteStudioApiKeys,
  invitations: deleteStudioInvitations,
  "portal-sessions": deleteStudioPortalSessions,
  async "pending-links"(kv: Deno.Kv, tenantId: string) {
    return await deleteStudioPortalLinks(kv, tenantId) + await deleteStudioEmailTokens(kv, tenantId) +
      await deleteStudioHandoffs(kv, tenantId) + await deleteStudioChallenges(kv, tenantId);
  },
  async settings(kv: Deno.Kv, tenantId: string) {
    await deleteApiCors(kv, tenantId);
    return 1 + await deleteStudioSso(kv, tenantId) + await deleteStudioSecurity(kv, tenantId);
  },
  "reminder-claims": deleteStudioReminderClaims,
  "rate-limits": deleteStudioRateLimits,
  "stripe-accounts": forgetStudioStripeAccounts,
} satisfies Record<string, (kv: Deno.Kv, tenantId: string) => Promise<number>>;

export type StudioRecordStep = keyof typeof STEPS;

/**
 * Removes every KV record of studio `tenantId` except its catalog entry; returns how many keys each
 * step deleted (an upper bound for the single-key settings). `afterStep` runs after each step;
 * tests throw there to stop a deletion half-way.
 */
export async function removeStudioRecords(
  kv: Deno.Kv,
  tenantId: string,
  afterStep?: (step: StudioRecordStep) => void | Promise<void>,
): Promise<Record<StudioRecordStep, number>> {
  const removed = {} as Record<StudioRecordStep, number>;
  for (const [step, run] of Object.entries(STEPS) as [StudioRecordStep, typeof STEPS[StudioRecordStep]][]) {
    removed[step] = await run(kv, tenantId);
    await afterStep?.(step);
  }
  return removed;
}

/**
 * The studio's Stripe connected account, kept on its one-row `portal_settings` (only the two Stripe
 * columns are read or written here; the rest of the row belongs to the portal settings page).
 */
import { eq, sql } from "drizzle-orm";
import { portalSettings } from "../../db/schema/mod.ts";
import { type ActingAs, recordAudit } from "../audit/audit.ts";
import type { Db, Tx } from "../billing/documents.ts";

export interface StripeAccountSettings {
  /** The connected account (acct_…), absent until the studio starts onboarding. */
  accountId: string | null;
  /** Whether Stripe lets the account take charges yet (onboarding finished and verified). */
  chargesEnabled: boolean;
}

export async function getStripeAccount(db: Db): Promise<StripeAccountSettings> {
  const [row] = await db.select({
    accountId: portalSettings.stripeAccountId,
    chargesEnabled: portalSettings.stripeChargesEnabled,
  }).from(portalSettings).where(eq(portalSettings.id, 1));
  return row ?? { accountId: null, chargesEnabled: false };
}

/** Records the studio's connected account (creating the settings row with its defaults if absent). */
export async function saveStripeAccount(tx: Tx, accountId: string, acting: ActingAs): Promise<void> {
  const before = await getStripeAccount(tx);
  if (before.accountId === accountId) return;
  await tx.insert(portalSettings).values({ id: 1, stripeAccountId: accountId, stripeChargesEnabled: false })
    .onConflictDoUpdate({
      target: portalSettings.id,
      set: { stripeAccountId: accountId, stripeChargesEnabled: false, updatedAt: sql`now()` },
    });
  await recordAudit(tx, {
    ...acting,
    action: "stripe.account_connected",
    entity: { type: "portal_settings", id: "1" },
    changes: { stripeAccountId: { before: before.accountId, after: accountId } },
  });
}

/**
 * Stores whether `accountId` can take charges, when it is the studio's account; returns whether
 * anything changed (an `account.updated` event or the onboarding return page).
 */
export async function setChargesEnabled(
  tx: Tx,
  accountId: string,
  enabled: boolean,
  acting: ActingAs,
): Promise<boolean> {
  const current = await getStripeAccount(tx);
  if (current.accountId !== accountId || current.chargesEnabled === enabled) return false;
  await tx.update(portalSettings).set({ stripeChargesEnabled: enabled, updatedAt: new Date() })
    .where(eq(portalSettings.id, 1));
  await recordAudit(tx, {
    ...acting,
    action: "stripe.charges_enabled",
    entity: { type: "portal_settings", id: "1" },
    changes: { stripeChargesEnabled: { before: current.chargesEnabled, after: enabled } },
  });
  return true;
}

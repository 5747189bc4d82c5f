/**
 * Stripe Connect onboarding from the studio's settings: the studio gets its own connected account
 * (Express), mapped to the studio in KV so its events find it, and is sent to Stripe's hosted
 * onboarding; coming back refreshes whether the account can take charges yet.
 */
import type Stripe from "stripe";
import type { ActingAs } from "../audit/audit.ts";
import { mapStripeAccount } from "../kv/stripe_accounts.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import {
  getStripeAccount,
  saveStripeAccount,
  setChargesEnabled,
  type StripeAccountSettings,
} from "./account_settings.ts";

export interface OnboardingInput {
  tenantId: string;
  /** Where Stripe sends the owner back, finished or not, and where an expired link leads. */
  returnUrl: string;
  refreshUrl: string;
  email?: string;
  country?: string;
}

/**
 * The URL of Stripe's onboarding for the studio's account, creating the account first when the
 * studio has none. The creation's idempotency key is the studio's id, so a retry after a failure
 * between Stripe and our database finds the same account rather than making a second one.
 */
export async function startOnboarding(
  db: TenantDb,
  kv: Deno.Kv,
  stripe: Stripe,
  input: OnboardingInput,
  acting: ActingAs,
): Promise<string> {
  let { accountId } = await getStripeAccount(db);
  if (!accountId) {
    const account = await stripe.accounts.create({
      type: "express",
      ...(input.email ? { email: input.email } : {}),
      ...(input.country ? { country: input.country } : {}),
      capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
      metadata: { tenant: input.tenantId },
    }, { idempotencyKey: `connect-account-${input.tenantId}` });
    accountId = account.id;
    // KV first: should the database write fail, an event for the account still finds the studio.
    await mapStripeAccount(kv, accountId, input.tenantId);
    await db.transaction((tx) => saveStripeAccount(tx, accountId!, acting));
  }
  const link = await stripe.accountLinks.create({
    account: accountId,
    type: "account_onboarding",
    return_url: input.returnUrl,
    refresh_url: input.refreshUrl,
  });
  return link.url;
}

/** Asks Stripe whether the studio's account can take charges now, and stores the answer. */
export async function refreshAccountStatus(
  db: TenantDb,
  stripe: Stripe,
  acting: ActingAs,
): Promise<StripeAccountSettings & { detailsSubmitted: boolean }> {
  const current = await getStripeAccount(db);
  if (!current.accountId) return { ...current, detailsSubmitted: false };
  const account = await stripe.accounts.retrieve(current.accountId);
  const enabled = account.charges_enabled === true;
  await db.transaction((tx) => setChargesEnabled(tx, current.accountId!, enabled, acting));
  return {
    accountId: current.accountId,
    chargesEnabled: enabled,
    detailsSubmitted: !!account.details_submitted,
  };
}

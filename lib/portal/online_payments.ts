import type { Config } from "../config.ts";
import { type Stripe, stripeFromConfig } from "../stripe/client.ts";

export interface OnlinePayments {
  stripe: Stripe;
  /** The studio's connected account: charges go there. */
  accountId: string;
}

/**
 * Whether clients can pay this studio online: the platform has Stripe configured and the studio's
 * connected account can take charges. Otherwise bookings are requests staff confirm, and invoices
 * say how to pay offline.
 */
export function onlinePayments(
  config: Pick<Config, "stripe">,
  settings: { stripeAccountId: string | null; stripeChargesEnabled: boolean },
): OnlinePayments | null {
  const stripe = stripeFromConfig(config);
  if (!stripe || !settings.stripeAccountId || !settings.stripeChargesEnabled) return null;
  return { stripe, accountId: settings.stripeAccountId };
}

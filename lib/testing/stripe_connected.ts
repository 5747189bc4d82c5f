import type Stripe from "stripe";
import { getStripeAccount } from "../stripe/account_settings.ts";
import { stripeFromConfig } from "../stripe/client.ts";
import { startOnboarding } from "../stripe/connect.ts";
import type { Tenant } from "../kv/tenants.ts";
import type { FakeStripe } from "./fake_stripe.ts";
import type { testApp } from "./test_app.ts";

type TestApp = Awaited<ReturnType<typeof testApp>>;

/** Delivers `event` to the app's webhook route as Stripe would: signed, over HTTP semantics. */
export async function deliverStripeEvent(t: TestApp, fake: FakeStripe, event: Stripe.Event, secret?: string) {
  const { headers, body } = await fake.signedDelivery(event, secret ?? t.config.stripe.webhookSecret!);
  const res = await t.app.request("/webhooks/stripe", { method: "POST", headers, body });
  return { status: res.status, json: await res.json() };
}

/**
 * Connects the studio to Stripe the way an owner does — onboarding from settings, then Stripe's
 * `account.updated` through the webhook enabling charges — and returns the connected account's id.
 */
export async function connectStudioToStripe(t: TestApp, fake: FakeStripe, tenant: Tenant): Promise<string> {
  const stripe = stripeFromConfig(t.config)!;
  return await t.tenancy.pool.use(tenant.database, async (db) => {
    const link = await startOnboarding(db, t.kv, stripe, {
      tenantId: tenant.id,
      returnUrl: "http://localhost/app/settings/payments?return=1",
      refreshUrl: "http://localhost/app/settings/payments?refresh=1",
    }, { actor: { type: "system" } });
    if (!link.startsWith("https://connect.stripe.com/")) throw new Error(`onboarding link ${link}`);
    const accountId = (await getStripeAccount(db)).accountId!;
    const { status } = await deliverStripeEvent(t, fake, fake.enableCharges(accountId));
    if (status !== 200) throw new Error(`account.updated answered ${status}`);
    if (!(await getStripeAccount(db)).chargesEnabled) throw new Error("charges are not enabled");
    return accountId;
  });
}

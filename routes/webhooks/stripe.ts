import type { Access } from "@/lib/auth/access.ts";
import { define } from "@/lib/http/define.ts";
import { depsOf } from "@/lib/http/deps.ts";
import { stripeFromConfig } from "@/lib/stripe/client.ts";
import { handleStripeWebhook } from "@/lib/stripe/webhook.ts";

// Public: Stripe authenticates each delivery with its signature (no cookie, no Origin: the origin
// check lets /webhooks/ through). lib/stripe/webhook.ts says what each answer means.
export const access: Access = "public";

export const handler = define.handlers({
  POST(ctx) {
    const { kv, tenancy, config, mailer } = depsOf(ctx);
    return handleStripeWebhook(
      { kv, tenancy, mailer, stripe: stripeFromConfig(config), webhookSecret: config.stripe.webhookSecret },
      ctx.req,
    );
  },
});

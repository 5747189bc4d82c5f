import assert from "node:assert/strict";
import { dispatchJob } from "../jobs/jobs.ts";
import { mapStripeAccount } from "../kv/stripe_accounts.ts";
import { createTenant } from "../kv/tenants.ts";
import type { Mailer } from "../mail/mailer.ts";
import type { Tenancy } from "../tenancy/tenancy.ts";
import {
  enqueueReconciliations,
  isReconcileMessage,
  RECONCILE_CRON,
  stripeReconciliationJob,
} from "./reconcile.ts";
import type Stripe from "stripe";

const studio = (slug: string, status: "active" | "suspended") => ({
  slug,
  name: slug,
  region: "eu",
  database: { driver: "pglite" as const, region: "eu", name: slug },
  timezone: "Europe/Paris",
  currency: "EUR",
  locale: "en",
  status,
});

Deno.test("every 15 minutes, one reconciliation per active studio with a Stripe account", async () => {
  await using kv = await Deno.openKv(":memory:");
  const north = await createTenant(kv, studio("north", "active"));
  const south = await createTenant(kv, studio("south", "suspended"));
  await createTenant(kv, studio("west", "active")); // no account: nothing to ask Stripe
  await mapStripeAccount(kv, "acct_north1", north.id);
  await mapStripeAccount(kv, "acct_north2", north.id);
  await mapStripeAccount(kv, "acct_south", south.id);
  const queued: unknown[] = [];
  const listening = kv.listenQueue((message) => {
    queued.push(message);
  });
  assert.equal(await enqueueReconciliations(kv), 1);
  for (let i = 0; i < 50 && queued.length < 1; i++) await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(queued, [{ type: "stripe.reconcile", tenantId: north.id }]);
  assert.equal(RECONCILE_CRON, "*/15 * * * *");
  kv.close();
  await listening;
});

Deno.test("the job takes only well-formed messages and skips studios no longer active", async () => {
  await using kv = await Deno.openKv(":memory:");
  const south = await createTenant(kv, studio("south", "suspended"));
  const job = stripeReconciliationJob({
    kv,
    tenancy: {} as Tenancy,
    stripe: {} as Stripe,
    mailer: {} as Mailer,
  });
  assert.equal(isReconcileMessage({ type: "stripe.reconcile" }), false);
  assert.equal(await dispatchJob([job], { type: "stripe.reconcile" }), false);
  // A suspended studio's database is not even opened (the fake tenancy above has no pool).
  assert.equal(await dispatchJob([job], { type: "stripe.reconcile", tenantId: south.id }), true);
});

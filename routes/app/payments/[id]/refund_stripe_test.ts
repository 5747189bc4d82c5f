// Refunding a payment taken online, with the studio connected to Stripe (played by
// lib/testing/fake_stripe.ts): the refund page sends the refund to Stripe on the studio's account and
// records it against the invoice.
import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import { payments } from "@/db/schema/mod.ts";
import { createDraft, getDocument } from "@/lib/billing/documents.ts";
import { issueDocument } from "@/lib/billing/issue.ts";
import { startCheckout } from "@/lib/stripe/checkout.ts";
import { stripeFromConfig } from "@/lib/stripe/client.ts";
import { provisionStudio } from "@/lib/tenancy/provision.ts";
import type { TenantDb } from "@/lib/tenancy/tenant_db.ts";
import { startFakeStripe } from "@/lib/testing/fake_stripe.ts";
import { insertClient } from "@/lib/testing/scheduling_fixtures.ts";
import { signedInCookie } from "@/lib/testing/staff_session.ts";
import { connectStudioToStripe, deliverStripeEvent } from "@/lib/testing/stripe_connected.ts";
import { testApp } from "@/lib/testing/test_app.ts";

const BASE = "/s/north";
const ACTING = { actor: { type: "system" as const } };

Deno.test("a payment taken online is refunded through Stripe from its refund page, and the invoice reopens", async () => {
  await using fake = await startFakeStripe();
  await using t = await testApp({
    STRIPE_SECRET_KEY: "sk_test_refund_page",
    STRIPE_WEBHOOK_SECRET: "whsec_refund_page",
    STRIPE_API_URL: fake.url,
  });
  const tenant = await provisionStudio(t.tenancy, {
    slug: "north",
    name: "North Sound",
    timezone: "Europe/Paris",
    currency: "EUR",
    locale: "en",
  });
  const inDb = <T>(fn: (db: TenantDb) => Promise<T>) => t.tenancy.pool.use(tenant.database, fn);
  const accountId = await connectStudioToStripe(t, fake, tenant);
  const invoice = await inDb(async (db) => {
    const client = await insertClient(db, { name: "Nova Records" });
    const draft = await createDraft(db, "invoice", {
      clientId: client.id,
      lines: [{ description: "Album mix", quantity: "1", unitPrice: 120000 }],
    }, ACTING);
    return await issueDocument(db, draft.id, draft.version, ACTING);
  });
  const checkout = await inDb((db) =>
    startCheckout(db, stripeFromConfig(t.config)!, {
      purpose: "invoice",
      documentId: invoice.id,
      amount: invoice.total,
      currency: "EUR",
      description: `Invoice ${invoice.number}`,
      successUrl: "http://localhost/s/north/portal/invoices?paid=1",
      cancelUrl: "http://localhost/s/north/portal/invoices",
      accountId,
      tenantId: tenant.id,
    })
  );
  assert.equal((await deliverStripeEvent(t, fake, fake.completeCheckout(checkout.id))).status, 200);
  const [paid] = await inDb((db) => db.select().from(payments).where(eq(payments.documentId, invoice.id)));
  assert.equal(paid.method, "stripe");

  const cookie = await signedInCookie(t.kv, tenant, {
    base: BASE,
    role: "bookkeeper",
    email: "bk@example.com",
  });
  const path = `${BASE}/app/payments/${paid.id}/refund`;
  const page = await (await t.app.request(path, { headers: { cookie } })).text();
  assert.match(page, /the refund is made through Stripe, to the card the client paid with/);
  assert.match(page, /Refund through Stripe/);
  assert.doesNotMatch(page, /name="method"/, "Stripe pays back by card: no method to choose");

  const res = await t.app.request(path, {
    method: "POST",
    headers: { origin: "http://localhost", cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ amount: "300.00", reason: "Mix revision not needed" }),
  });
  assert.equal(res.status, 303);
  assert.equal(
    res.headers.get("location"),
    `${BASE}/app/invoices/${invoice.id}?saved=refunded#payments-heading`,
  );
  const [refund] = [...fake.refunds.values()];
  assert.equal(fake.refunds.size, 1);
  assert.equal(Number(refund.amount), 30000);
  assert.equal(fake.requests.find((r) => r.path === "/v1/refunds")?.account, accountId);
  const ledger = await inDb((db) => db.select().from(payments).where(eq(payments.documentId, invoice.id)));
  const recorded = ledger.find((p) => p.amount < 0)!;
  assert.deepEqual([recorded.amount, recorded.method, recorded.refundOf, recorded.externalId], [
    -30000,
    "stripe",
    paid.id,
    refund.id,
  ]);
  const after = await inDb((db) => getDocument(db, invoice.id));
  assert.equal(after.status, "partially_paid");
  assert.equal(after.amountPaid, 90000);
});

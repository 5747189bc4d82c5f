// Journey 21 through the real app, Stripe played by a local server (lib/testing/fake_stripe.ts) and
// events signed with the real library's test header: a client pays an issued invoice through
// Checkout on the studio's connected account; however the events arrive — twice, out of order, five
// at once, late, or never (reconciliation) — the invoice is paid exactly once, with one audit entry.
import assert from "node:assert/strict";
import { and, eq, sql } from "drizzle-orm";
import { auditLog, checkoutSessions, payments, stripeEvents } from "@/db/schema/mod.ts";
import { replayStripeEvents } from "@/lib/admin/stripe_commands.ts";
import { createDraft, getDocument } from "@/lib/billing/documents.ts";
import { issueDocument } from "@/lib/billing/issue.ts";
import { tenantOfStripeAccount } from "@/lib/kv/stripe_accounts.ts";
import { getStripeAccount } from "@/lib/stripe/account_settings.ts";
import { startCheckout } from "@/lib/stripe/checkout.ts";
import { stripeFromConfig } from "@/lib/stripe/client.ts";
import { reconcileStudio } from "@/lib/stripe/reconcile.ts";
import { refundOnline } from "@/lib/stripe/refunds.ts";
import { ValidationError } from "@/lib/errors.ts";
import { provisionStudio } from "@/lib/tenancy/provision.ts";
import type { TenantDb } from "@/lib/tenancy/tenant_db.ts";
import { type FakeStripe, startFakeStripe } from "@/lib/testing/fake_stripe.ts";
import { insertClient } from "@/lib/testing/scheduling_fixtures.ts";
import { signedInCookie } from "@/lib/testing/staff_session.ts";
import { connectStudioToStripe, deliverStripeEvent } from "@/lib/testing/stripe_connected.ts";
import { testApp } from "@/lib/testing/test_app.ts";
import type Stripe from "stripe";

const SECRET = "whsec_journey21";
const ACTING = { actor: { type: "system" as const } };
const BASE = "/s/north";

async function setup(options: { connected?: boolean } = {}) {
  const fake = await startFakeStripe();
  const t = await testApp({
    STRIPE_SECRET_KEY: "sk_test_journey21",
    STRIPE_WEBHOOK_SECRET: SECRET,
    STRIPE_API_URL: fake.url,
  });
  const tenant = await provisionStudio(t.tenancy, {
    slug: "north",
    name: "North Sound",
    timezone: "Europe/Paris",
    currency: "EUR",
    locale: "en",
  });
  const stripe = stripeFromConfig(t.config)!;
  const inDb = <T>(fn: (db: TenantDb) => Promise<T>) => t.tenancy.pool.use(tenant.database, fn);
  const deliver = (event: Stripe.Event, secret = SECRET) => deliverStripeEvent(t, fake, event, secret);
  // Onboarding from settings, then Stripe's account.updated through the webhook enabling charges.
  const accountId = options.connected !== false ? await connectStudioToStripe(t, fake, tenant) : "";
  const invoice = await inDb(async (db) => {
    const client = await insertClient(db, { name: "Nova Records" });
    const draft = await createDraft(db, "invoice", {
      clientId: client.id,
      lines: [{ description: "Album mix", quantity: "1", unitPrice: 120000 }],
    }, ACTING);
    return await issueDocument(db, draft.id, draft.version, ACTING);
  });
  const checkout = (now?: Date, amount = invoice.total) =>
    inDb((db) =>
      startCheckout(db, stripe, {
        purpose: "invoice",
        documentId: invoice.id,
        amount,
        currency: "EUR",
        description: `Invoice ${invoice.number}`,
        customerEmail: "nova@example.com",
        successUrl: "http://localhost/s/north/portal/invoices?paid=1",
        cancelUrl: "http://localhost/s/north/portal/invoices",
        accountId,
        tenantId: tenant.id,
      }, now)
    );
  const ledger = () =>
    inDb(async (db) => ({
      payments: await db.select().from(payments).where(eq(payments.documentId, invoice.id)),
      invoice: await getDocument(db, invoice.id),
      audits: await db.select().from(auditLog).where(eq(auditLog.action, "payment.recorded")),
      events: await db.select().from(stripeEvents),
      sessions: await db.select().from(checkoutSessions),
    }));
  const dispose = async () => {
    await t[Symbol.asyncDispose]();
    await fake.close();
  };
  return { t, fake, tenant, stripe, inDb, deliver, invoice, checkout, ledger, accountId, dispose };
}

function assertPaidOnce(state: Awaited<ReturnType<Awaited<ReturnType<typeof setup>>["ledger"]>>, pi: string) {
  assert.equal(state.payments.length, 1);
  assert.equal(state.payments[0].method, "stripe");
  assert.equal(state.payments[0].amount, 120000);
  assert.equal(state.payments[0].externalId, pi);
  assert.equal(state.invoice.status, "paid");
  assert.equal(state.invoice.amountPaid, 120000);
  assert.equal(state.audits.length, 1);
  assert.equal(state.sessions.find((row) => row.paymentIntentId === pi)?.status, "complete");
}

Deno.test("checkout opens on the studio's connected account; the same event delivered twice pays the invoice once", async () => {
  const s = await setup();
  try {
    const { id, url } = await s.checkout();
    assert.match(url, /^https:\/\/checkout\.stripe\.com\//);
    const created = s.fake.requests.find((r) => r.path === "/v1/checkout/sessions")!;
    assert.equal(created.account, s.accountId);
    assert.deepEqual(created.body.metadata, {
      documentId: s.invoice.id,
      purpose: "invoice",
      tenant: s.tenant.id,
    });
    // A second click while the first session is open is handed the same session.
    assert.equal((await s.checkout()).id, id);

    const event = s.fake.completeCheckout(id);
    const first = await s.deliver(event);
    const second = await s.deliver(event);
    assert.deepEqual([first.status, second.status], [200, 200]);
    assert.equal(first.json.outcome, "processed");
    assert.equal(second.json.outcome, "already_processed");
    const pi = s.fake.sessions.get(id)!.payment_intent as string;
    assertPaidOnce(await s.ledger(), pi);
  } finally {
    await s.dispose();
  }
});

Deno.test("payment_intent/charge events first, checkout.session.completed after and five at once: one payment", async () => {
  const s = await setup();
  try {
    const { id } = await s.checkout();
    const completed = s.fake.completeCheckout(id);
    const pi = s.fake.sessions.get(id)!.payment_intent as string;
    const piEvent = s.fake.event("payment_intent.succeeded", {
      id: pi,
      object: "payment_intent",
      amount: 120000,
    }, s.accountId);
    const chargeEvent = s.fake.event(
      "charge.succeeded",
      { id: "ch_1", object: "charge", payment_intent: pi },
      s.accountId,
    );
    assert.equal((await s.deliver(piEvent)).status, 200);
    assert.equal((await s.deliver(chargeEvent)).status, 200);
    assert.equal((await s.ledger()).payments.length, 0);

    const answers = await Promise.all(Array.from({ length: 5 }, () => s.deliver(completed)));
    assert.deepEqual(answers.map((a) => a.status), [200, 200, 200, 200, 200]);
    assert.equal(answers.filter((a) => a.json.outcome === "processed").length, 1);
    const state = await s.ledger();
    assertPaidOnce(state, pi);
    assert.equal(state.events.length, 4); // account.updated, payment_intent, charge, checkout — each once
    assert.ok(state.events.every((e) => e.processedAt !== null));
  } finally {
    await s.dispose();
  }
});

Deno.test("a bad signature is refused with problem JSON and nothing is stored; a foreign account is ignored", async () => {
  const s = await setup();
  try {
    const { id } = await s.checkout();
    const event = s.fake.completeCheckout(id);
    const wrong = await s.deliver(event, "whsec_someone_else");
    assert.equal(wrong.status, 400);
    assert.equal(wrong.json.status, 400);
    const { headers, body } = await s.fake.signedDelivery(event, SECRET);
    const tampered = await s.t.app.request("/webhooks/stripe", {
      method: "POST",
      headers,
      body: body.replace("120000", "1"),
    });
    assert.equal(tampered.status, 400);
    assert.equal(tampered.headers.get("content-type"), "application/problem+json");
    const unsigned = await s.t.app.request("/webhooks/stripe", { method: "POST", body });
    assert.equal(unsigned.status, 400);
    const huge = await s.t.app.request("/webhooks/stripe", {
      method: "POST",
      headers,
      body: "x".repeat(600_000),
    });
    assert.equal(huge.status, 413);

    const foreign = await s.deliver(
      s.fake.event("checkout.session.completed", { id: "cs_x" }, "acct_notours"),
    );
    assert.equal(foreign.status, 200);
    assert.equal(foreign.json.ignored, "unknown account");
    const state = await s.ledger();
    assert.equal(state.events.length, 1); // only setup's account.updated
    assert.equal(state.payments.length, 0);
  } finally {
    await s.dispose();
  }
});

Deno.test("replaying a processed event changes nothing; a failing effect stays unprocessed until replay completes it", async () => {
  const s = await setup();
  try {
    const { id } = await s.checkout();
    const event = s.fake.completeCheckout(id);
    // The ledger refuses writes for a moment (a test-only trigger): the effect fails and rolls back.
    await s.inDb(async (db) => {
      await db.execute(sql.raw(`CREATE FUNCTION refuse_payments() RETURNS trigger AS $$
        BEGIN RAISE EXCEPTION 'ledger unavailable'; END $$ LANGUAGE plpgsql`));
      await db.execute(sql.raw(
        "CREATE TRIGGER refuse_payments BEFORE INSERT ON payments FOR EACH ROW EXECUTE FUNCTION refuse_payments()",
      ));
    });
    const failed = await s.deliver(event);
    assert.equal(failed.status, 500);
    let state = await s.ledger();
    const stored = state.events.find((e) => e.id === event.id)!;
    assert.equal(stored.processedAt, null);
    assert.equal(stored.attempts, 1);
    assert.match(stored.lastError!, /ledger unavailable/);
    assert.equal(state.payments.length, 0);
    assert.equal(state.sessions[0].status, "open");

    await s.inDb((db) => db.execute(sql.raw("DROP TRIGGER refuse_payments ON payments")));
    const replayed = await s.inDb((db) => replayStripeEvents(db, { unprocessed: true }));
    assert.deepEqual(replayed.map((r) => [r.eventId, r.outcome]), [[event.id, "processed"]]);
    const pi = s.fake.sessions.get(id)!.payment_intent as string;
    assertPaidOnce(await s.ledger(), pi);

    const again = await s.inDb((db) => replayStripeEvents(db, { eventId: event.id }));
    assert.equal(again[0].outcome, "already_processed");
    state = await s.ledger();
    assertPaidOnce(state, pi);
    assert.equal(state.invoice.version, (await s.ledger()).invoice.version);
    await assert.rejects(s.inDb((db) => replayStripeEvents(db, {})), ValidationError);
  } finally {
    await s.dispose();
  }
});

Deno.test("reconciliation finds a paid session whose event never arrived, and the late event then does nothing", async () => {
  const s = await setup();
  try {
    const twentyMinutesAgo = new Date(Date.now() - 20 * 60_000);
    const paid = await s.checkout(twentyMinutesAgo);
    s.fake.completeCheckout(paid.id); // the client paid; the webhook is lost
    const fresh = await s.inDb((db) =>
      db.insert(checkoutSessions).values({
        id: "cs_recent",
        purpose: "invoice",
        documentId: s.invoice.id,
        amount: 100,
        currency: "EUR",
      }).returning()
    );
    assert.equal(fresh.length, 1);

    const result = await s.inDb((db) => reconcileStudio(db, s.stripe, new Date()));
    assert.deepEqual(result, { checked: 1, completed: 1, expired: 0 }); // the recent one is left to its webhook
    const pi = s.fake.sessions.get(paid.id)!.payment_intent as string;
    const state = await s.ledger();
    assert.equal(state.payments.length, 1);
    assert.equal(state.invoice.status, "paid");
    assert.ok(state.events.some((e) => e.id === `reconcile_${paid.id}_completed` && e.processedAt));

    // The real event turns up after all.
    const late = s.fake.event("checkout.session.completed", s.fake.sessions.get(paid.id)!, s.accountId);
    assert.equal((await s.deliver(late)).status, 200);
    assertPaidOnce(await s.ledger(), pi);
    // A second run finds nothing left open that is old enough.
    assert.deepEqual(await s.inDb((db) => reconcileStudio(db, s.stripe)), {
      checked: 0,
      completed: 0,
      expired: 0,
    });
  } finally {
    await s.dispose();
  }
});

Deno.test("reconciliation marks expired what Stripe expired; the expiry event alone does too", async () => {
  const s = await setup();
  try {
    const old = await s.checkout(new Date(Date.now() - 3 * 3600_000), 50000);
    await s.stripe.checkout.sessions.expire(old.id, {}, { stripeAccount: s.accountId });
    assert.deepEqual(await s.inDb((db) => reconcileStudio(db, s.stripe)), {
      checked: 1,
      completed: 0,
      expired: 1,
    });
    const other = await s.checkout(undefined, 70000);
    const expired = s.fake.event("checkout.session.expired", {
      ...s.fake.sessions.get(other.id)!,
      status: "expired",
    }, s.accountId);
    assert.equal((await s.deliver(expired)).status, 200);
    const state = await s.ledger();
    assert.deepEqual(state.sessions.map((r) => r.status), ["expired", "expired"]);
    assert.equal(state.payments.length, 0);
  } finally {
    await s.dispose();
  }
});

Deno.test("an online refund is made on the connected account and recorded once, even when its event follows", async () => {
  const s = await setup();
  try {
    const { id } = await s.checkout();
    await s.deliver(s.fake.completeCheckout(id));
    const [payment] = (await s.ledger()).payments;
    const refund = await s.inDb((db) =>
      refundOnline(
        db,
        s.stripe,
        { paymentId: payment.id, amount: 20000, reason: "Session shortened" },
        ACTING,
      )
    );
    assert.equal(refund.amount, -20000);
    assert.equal(refund.refundOf, payment.id);
    assert.match(refund.externalId!, /^re_/);
    assert.equal(s.fake.requests.find((r) => r.path === "/v1/refunds")!.account, s.accountId);
    const stripeRefund = s.fake.refunds.get(refund.externalId!)!;
    assert.equal((await s.deliver(s.fake.event("refund.created", stripeRefund, s.accountId))).status, 200);

    let state = await s.ledger();
    assert.equal(state.payments.length, 2);
    assert.equal(state.invoice.status, "partially_paid");
    assert.equal(state.invoice.amountPaid, 100000);
    await assert.rejects(
      s.inDb((db) => refundOnline(db, s.stripe, { paymentId: payment.id, amount: 100001 }, ACTING)),
      (err: unknown) => err instanceof ValidationError && /At most/.test(err.fields.amount),
    );
    // A refund made in Stripe's dashboard arrives only as an event, and is recorded from it.
    const dashboard = {
      id: "re_dashboard1",
      object: "refund",
      amount: 5000,
      payment_intent: payment.externalId,
      status: "succeeded",
      created: Math.floor(Date.now() / 1000),
    };
    assert.equal((await s.deliver(s.fake.event("refund.created", dashboard, s.accountId))).status, 200);
    state = await s.ledger();
    assert.equal(state.payments.length, 3);
    assert.equal(state.invoice.amountPaid, 95000);
  } finally {
    await s.dispose();
  }
});

Deno.test("checkout refuses what cannot be paid online", async () => {
  const s = await setup();
  try {
    const refused = async (amount: number, field: string, overrides: Record<string, unknown> = {}) => {
      await assert.rejects(
        s.inDb((db) =>
          startCheckout(db, s.stripe, {
            purpose: "invoice",
            documentId: s.invoice.id,
            amount,
            currency: "EUR",
            description: "x",
            successUrl: "http://localhost/ok",
            cancelUrl: "http://localhost/no",
            accountId: s.accountId,
            tenantId: s.tenant.id,
            ...overrides,
          })
        ),
        (err: unknown) => err instanceof ValidationError && field in err.fields,
      );
    };
    await refused(0, "amount");
    await refused(-5, "amount");
    await refused(120001, "amount");
    await refused(100, "currency", { currency: "USD" });
    await refused(100, "documentId", { purpose: "deposit", bookingId: "bk_1" });
    await refused(100, "documentId", { documentId: "doc_missing" });
    await refused(100, "payment", { accountId: "acct_other" });
    const draft = await s.inDb((db) =>
      createDraft(db, "invoice", {
        clientId: s.invoice.clientId,
        lines: [{ description: "x", quantity: "1", unitPrice: 100 }],
      }, ACTING)
    );
    await refused(100, "documentId", { documentId: draft.id });
    assert.equal(s.fake.requests.filter((r) => r.path === "/v1/checkout/sessions").length, 0);
  } finally {
    await s.dispose();
  }
});

Deno.test("Connect onboarding page: connect, come back, see the account able to charge", async () => {
  const s = await setup({ connected: false });
  try {
    const owner = await signedInCookie(s.t.kv, s.tenant, { base: BASE });
    const get = (query = "") =>
      s.t.app.request(`${BASE}/app/settings/payments${query}`, { headers: { cookie: owner } });
    let page = await (await get()).text();
    assert.match(page, /Not connected/);
    assert.match(page, /Connect with Stripe/);

    const res = await s.t.app.request(`${BASE}/app/settings/payments`, {
      method: "POST",
      headers: {
        cookie: owner,
        origin: "http://localhost",
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "",
    });
    assert.equal(res.status, 303);
    const accountId = (await s.inDb(getStripeAccount)).accountId!;
    assert.equal(res.headers.get("location"), `https://connect.stripe.com/setup/e/${accountId}`);
    assert.equal(await tenantOfStripeAccount(s.t.kv, accountId), s.tenant.id);
    const link = s.fake.requests.find((r) => r.path === "/v1/account_links")!;
    assert.equal(link.body.return_url, "http://localhost/s/north/app/settings/payments?return=1");

    page = await (await get("?return=1")).text();
    assert.match(page, /Stripe still needs details/);
    s.fake.enableCharges(accountId);
    page = await (await get("?return=1")).text();
    assert.match(page, /Ready: clients can pay online/);
    assert.equal((await s.inDb(getStripeAccount)).chargesEnabled, true);
    const audits = await s.inDb((db) =>
      db.select().from(auditLog).where(and(eq(auditLog.entityType, "portal_settings")))
    );
    assert.deepEqual(audits.map((a) => a.action).sort(), [
      "stripe.account_connected",
      "stripe.charges_enabled",
    ]);

    // An engineer may not open it.
    const engineer = await signedInCookie(s.t.kv, s.tenant, {
      base: BASE,
      role: "engineer",
      email: "e@example.com",
    });
    assert.equal(
      (await s.t.app.request(`${BASE}/app/settings/payments`, { headers: { cookie: engineer } })).status,
      403,
    );
  } finally {
    await s.dispose();
  }
});

Deno.test("without STRIPE_SECRET_KEY the page says payments are off and how to turn them on; the webhook is absent", async () => {
  await using t = await testApp();
  const tenant = await provisionStudio(t.tenancy, {
    slug: "north",
    name: "North Sound",
    timezone: "Europe/Paris",
    currency: "EUR",
    locale: "en",
  });
  const owner = await signedInCookie(t.kv, tenant, { base: BASE });
  const page = await (await t.app.request(`${BASE}/app/settings/payments`, { headers: { cookie: owner } }))
    .text();
  assert.match(page, /Online payments are off on this server/);
  assert.match(page, /STRIPE_SECRET_KEY/);
  assert.doesNotMatch(page, /Connect with Stripe/);
  const hook = await t.app.request("/webhooks/stripe", { method: "POST", body: "{}" });
  assert.equal(hook.status, 404);
  await hook.body?.cancel();
});

export type { FakeStripe };

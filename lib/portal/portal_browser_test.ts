// Journeys 15–17 in Chromium on a phone (360×740, touch), Stripe played by a local server
// (lib/testing/fake_stripe.ts) whose events reach the webhook signed as Stripe signs them.
import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { withPage } from "../../e2e/browser.ts";
import { billingDocuments, bookings, portalBookings } from "../../db/schema/mod.ts";
import { createDraft } from "../billing/documents.ts";
import { issueDocument } from "../billing/issue.ts";
import { listOutbox } from "../kv/outbox.ts";
import { addDays, localParts, zonedInstant } from "../scheduling/local_time.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { type FakeStripe, startFakeStripe } from "../testing/fake_stripe.ts";
import { linkIn } from "../testing/outbox.ts";
import { insertOffer, insertOpenRoom } from "../testing/portal_fixtures.ts";
import { portalCookie } from "../testing/portal_session.ts";
import { insertClient } from "../testing/scheduling_fixtures.ts";
import { servedStudio } from "../testing/served_studio.ts";
import { connectStudioToStripe, deliverStripeEvent } from "../testing/stripe_connected.ts";
import { DEFAULT_POLICY } from "./policy.ts";

const STRIPE = { STRIPE_SECRET_KEY: "sk_test_portal", STRIPE_WEBHOOK_SECRET: "whsec_portal" };
const ZONE = "Europe/Paris";
const ACTING = { actor: { type: "system" as const } };
// €400 for 4 h; the deposit is the greater of 30 % (€120) and €150: €150.
const POLICY = {
  ...DEFAULT_POLICY,
  deposit: { rule: "greater" as const, percentBp: 3000, flatAmount: 15_000 },
};

/** The studio served on 127.0.0.1, paid through the fake Stripe, with one room and one offer. */
async function portalStudio(fake: FakeStripe) {
  const served = await servedStudio({ ...STRIPE, STRIPE_API_URL: fake.url });
  await connectStudioToStripe(served.t, fake, served.tenant);
  const inDb = <T>(fn: (db: TenantDb) => Promise<T>) => served.t.tenancy.pool.use(served.tenant.database, fn);
  const offer = await inDb(async (db) => {
    const room = await insertOpenRoom(db);
    return await insertOffer(db, { roomIds: [room.id], policy: POLICY });
  });
  return { served, inDb, offer };
}

/** Stripe's hosted page is on the internet; here the phone gets a stand-in and the test pays. */
async function stripeCheckoutPage(page: Page) {
  await page.route(
    "https://checkout.stripe.com/**",
    (route) =>
      route.fulfill({ contentType: "text/html", body: "<title>Checkout</title><h1>Pay with card</h1>" }),
  );
}

/** The client pays on Stripe's page: Stripe sends the signed event (twice), then brings them back. */
async function payOnStripe(page: Page, served: Awaited<ReturnType<typeof servedStudio>>, fake: FakeStripe) {
  await page.waitForURL(/^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_/);
  const sessionId = page.url().split("/").pop()!;
  const event = fake.completeCheckout(sessionId);
  // Stripe delivers at least once: the second delivery must change nothing and mail nobody.
  for (let i = 0; i < 2; i++) assert.equal((await deliverStripeEvent(served.t, fake, event)).status, 200);
  await page.goto(String(fake.sessions.get(sessionId)!.success_url));
}

Deno.test("journey 15: on a phone in New York, a visitor sees Paris times with their own, pays the greater-of deposit and is booked", async () => {
  await using fake = await startFakeStripe();
  const { served, inDb } = await portalStudio(fake);
  await using _ = served;

  await withPage(async (page) => {
    await stripeCheckoutPage(page);
    await page.goto(`${served.studio}/portal/book`);
    await page.getByRole("link", { name: /Vocal recording/ }).click();
    await page.getByRole("heading", { name: "Vocal recording" }).waitFor();
    await page.getByText(`Times are the studio's (${ZONE}).`).waitFor();
    const times = page.locator("time[data-visitor]");
    await times.locator("small").first().waitFor();
    await page.getByText("Below each time: yours (America/New_York).").waitFor();
    const first = await times.first().getAttribute("datetime");
    const at = new Date(first!);
    // As the page and its script format them ("1:00 PM", not "01:00 PM"), whatever the first slot's hour.
    const paris = new Intl.DateTimeFormat("en", { timeZone: ZONE, timeStyle: "short" });
    const newYork = new Intl.DateTimeFormat("en", {
      timeZone: "America/New_York",
      hour: "numeric",
      minute: "2-digit",
    });
    const spaced = (text: string) => text.replace(/\s+/g, " ");
    assert.equal(
      spaced(await times.first().innerText()),
      spaced(`${paris.format(at)} ${newYork.format(at)}`),
      "the studio's time, then the visitor's own",
    );

    await times.first().click();
    await page.getByRole("heading", { name: "Confirm your booking" }).waitFor();
    await page.getByText("€150.00, paid now to secure the time").waitFor();
    await page.getByText(
      "Deposit: €150.00 (30 % of the price or €150.00, whichever is more), paid when you book.",
    )
      .waitFor();
    await page.getByLabel("Your name").fill("Nina Vox");
    await page.getByLabel("E-mail address").fill("nina@example.com");
    await page.getByLabel("I have read the booking terms and accept them.").check();
    await page.getByRole("button", { name: "Book and pay the €150.00 deposit" }).click();

    // Until Stripe confirms the payment the time is only held for Nina.
    const [held] = await inDb((db) => db.select().from(bookings));
    assert.equal(held.status, "hold");

    await payOnStripe(page, served, fake);
    await page.getByRole("heading", { name: "Your session is booked" }).waitFor();
  }, { mobile: true, timezoneId: "America/New_York" });

  const [booking] = await inDb((db) => db.select().from(bookings));
  assert.equal(booking.status, "confirmed");
  const [terms] = await inDb((db) => db.select().from(portalBookings));
  assert.equal(terms.state, "confirmed");
  assert.equal(terms.deposit, 15_000);
  const [deposit] = await inDb((db) =>
    db.select().from(billingDocuments).where(eq(billingDocuments.id, terms.depositDocumentId!))
  );
  assert.equal(deposit.status, "paid");
  assert.equal(deposit.amountPaid, 15_000);
  const mails = await listOutbox(served.t.kv, { to: "nina@example.com" });
  assert.deepEqual(mails.map((mail) => mail.subject).sort(), [
    "North Sound received your booking request: Vocal recording",
    "Receipt: €150.00 received by North Sound",
    "Session confirmed: Vocal recording at North Sound",
  ]);
});

Deno.test("journey 15, payments not configured: the phone booking is a request held for staff to confirm", async () => {
  await using served = await servedStudio();
  const offer = await served.t.tenancy.pool.use(served.tenant.database, async (db) => {
    const room = await insertOpenRoom(db);
    return await insertOffer(db, { roomIds: [room.id], policy: POLICY });
  });
  await withPage(async (page) => {
    await page.goto(`${served.studio}/portal/book/${offer.id}`);
    await page.locator("time[data-visitor]").first().click();
    await page.getByRole("heading", { name: "Confirm your booking" }).waitFor();
    assert.equal(
      await page.getByText("paid now to secure the time").count(),
      0,
      "no deposit without payments",
    );
    await page.getByLabel("Your name").fill("Nina Vox");
    await page.getByLabel("E-mail address").fill("nina@example.com");
    await page.getByLabel("I have read the booking terms and accept them.").check();
    await page.getByRole("button", { name: "Send the booking request" }).click();
    await page.getByRole("heading", { name: "Request received: the studio will confirm it" }).waitFor();
    // Same zone as the studio: no second time and no note about it.
    assert.equal(await page.locator("time[data-visitor] small").count(), 0);
  }, { mobile: true, timezoneId: ZONE });
  const [booking] = await served.t.tenancy.pool.use(
    served.tenant.database,
    (db) => db.select().from(bookings),
  );
  assert.equal(booking.status, "hold");
  assert.equal(booking.source, "portal");
});

Deno.test("journey 16: a client signs in by e-mailed link on a phone, sees sessions and invoices, and pays an invoice by card", async () => {
  await using fake = await startFakeStripe();
  const { served, inDb } = await portalStudio(fake);
  await using _ = served;
  const invoice = await inDb(async (db) => {
    const client = await insertClient(db, { name: "Nina Vox", email: "nina@example.com" });
    const draft = await createDraft(db, "invoice", {
      clientId: client.id,
      currency: "EUR",
      lines: [{ description: "Mixing, 2 songs", quantity: "1", unitPrice: 50_000 }],
    }, ACTING);
    return await issueDocument(db, draft.id, draft.version, ACTING);
  });

  await withPage(async (page) => {
    await stripeCheckoutPage(page);
    await page.goto(`${served.studio}/portal`);
    await page.getByRole("link", { name: "Sign in" }).first().click();
    // The first form sends a link; the one below it takes a password.
    await page.getByLabel("E-mail address").first().fill("nina@example.com");
    await page.getByRole("button", { name: "Send me a sign-in link" }).click();
    await page.getByRole("heading", { name: "Check your inbox" }).waitFor();
    const [mail] = await listOutbox(served.t.kv, { to: "nina@example.com" });
    await page.goto(linkIn(mail, /\/portal\/auth\?token=/));
    await page.getByRole("button", { name: "Continue" }).click();

    await page.getByRole("heading", { name: "Your sessions and invoices" }).waitFor();
    await page.getByText("No upcoming sessions.").waitFor();
    await page.getByRole("link", { name: new RegExp(invoice.number!) }).click();
    await page.getByText("Left to pay: €500.00").waitFor();
    await page.getByRole("button", { name: "Pay €500.00 by card" }).click();
    await payOnStripe(page, served, fake);
    await page.getByText("Nothing left to pay.").waitFor();
  }, { mobile: true });

  const [paid] = await inDb((db) =>
    db.select().from(billingDocuments).where(eq(billingDocuments.id, invoice.id))
  );
  assert.equal(paid.status, "paid");
  assert.equal(paid.amountPaid, 50_000);
  const receipts = (await listOutbox(served.t.kv, { to: "nina@example.com" }))
    .filter((mail) => mail.subject === "Receipt: €500.00 received by North Sound");
  assert.equal(receipts.length, 1, "one receipt, however often the event arrives");
});

Deno.test("journey 17: a client cancels one session inside the free window and one outside it, told the outcome first", async () => {
  await using fake = await startFakeStripe();
  const { served, inDb, offer } = await portalStudio(fake);
  await using _ = served;
  const { t, tenant } = served;
  const cookie = await inDb(async (db) => {
    const client = await insertClient(db, { name: "Nina Vox", email: "nina@example.com" });
    return await portalCookie(t.kv, db, tenant, client.id, "nina@example.com");
  });
  // Noon in Paris in 10 days (free cancellation) and in 2 days (36–60 h away: the deposit is kept).
  const today = localParts(new Date(), ZONE).date;
  const book = async (days: number) => {
    const start = zonedInstant(addDays(today, days), "12:00", ZONE)!.toISOString();
    const res = await t.app.request(`/s/north/portal/book/${offer.id}/confirm?minutes=240&start=${start}`, {
      method: "POST",
      headers: { origin: "http://localhost", cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ minutes: "240", start, name: "Nina Vox", accept_policy: "on" }),
    });
    assert.equal(res.status, 303, await res.text());
    const sessionId = res.headers.get("location")!.split("/").pop()!;
    assert.equal((await deliverStripeEvent(t, fake, fake.completeCheckout(sessionId))).status, 200);
    const { bookingId } = fake.sessions.get(sessionId)!.metadata as { bookingId: string };
    const [booking] = await inDb((db) => db.select().from(bookings).where(eq(bookings.id, bookingId)));
    assert.equal(booking.status, "confirmed");
    return bookingId;
  };
  const early = await book(10);
  const late = await book(2);

  await withPage(async (page) => {
    const [name, value] = cookie.split("=");
    await page.context().addCookies([{ name, value, url: served.origin }]);

    await page.goto(`${served.studio}/portal/sessions/${early}`);
    assert.equal(
      await page.getByTestId("cancel-outcome").innerText(),
      "Cancelling now, at least 72 h before the start, is free: €150.00 paid is refunded in full.",
    );
    await page.getByRole("button", { name: "Cancel the session" }).click();
    await page.getByText(
      "Your session is cancelled. Refunded: €150.00. Kept by the studio: €0.00. Still due: €0.00.",
    )
      .waitFor();

    await page.goto(`${served.studio}/portal/sessions/${late}`);
    assert.equal(
      await page.getByTestId("cancel-outcome").innerText(),
      "Cancelling now, less than the free-cancellation notice before the start, the studio keeps the €150.00 deposit; €0.00 is refunded.",
    );
    await page.getByRole("button", { name: "Cancel the session" }).click();
    await page.getByText(
      "Your session is cancelled. Refunded: €0.00. Kept by the studio: €150.00. Still due: €0.00.",
    )
      .waitFor();
  }, { mobile: true });

  const refunds = [...fake.refunds.values()];
  assert.equal(refunds.length, 1, "only the free cancellation is refunded");
  assert.equal(refunds[0].amount, 15_000);
  const states = await inDb((db) => db.select().from(bookings));
  assert.deepEqual(states.map((b) => b.status), ["cancelled", "cancelled"]);
});

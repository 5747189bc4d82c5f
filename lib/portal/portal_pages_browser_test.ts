// The client's portal pages in Chromium on a phone (360×740, touch), for a client who prefers French:
// the portal speaks French once she is signed in; her quotes; her profile (phone, password, then
// signing in with it); moving a session with its deposit; and a booking request that staff approve
// on the desktop before she sees it confirmed. Stripe is played by lib/testing/fake_stripe.ts.
import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { withPage } from "../../e2e/browser.ts";
import {
  billingDocuments,
  bookingBlocks,
  bookings,
  clients,
  portalAccounts,
  portalBookings,
} from "../../db/schema/mod.ts";
import { listOutbox } from "../kv/outbox.ts";
import { addDays, localParts, zonedInstant } from "../scheduling/local_time.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { type FakeStripe, startFakeStripe } from "../testing/fake_stripe.ts";
import { linkIn } from "../testing/outbox.ts";
import { insertOffer, insertOpenRoom } from "../testing/portal_fixtures.ts";
import { portalCookie } from "../testing/portal_session.ts";
import { sentTestQuote } from "../testing/quote_fixtures.ts";
import { insertClient } from "../testing/scheduling_fixtures.ts";
import { OWNER, servedStudio } from "../testing/served_studio.ts";
import { connectStudioToStripe, deliverStripeEvent } from "../testing/stripe_connected.ts";
import { DEFAULT_POLICY } from "./policy.ts";

const STRIPE = { STRIPE_SECRET_KEY: "sk_test_pages", STRIPE_WEBHOOK_SECRET: "whsec_pages" };
const ZONE = "Europe/Paris";
const PASSWORD = "violon tramway orchestre 42";
// €400 for 4 h, a €150 deposit; one move allowed with 72 h notice (the default).
const POLICY = { ...DEFAULT_POLICY, deposit: { rule: "flat" as const, percentBp: 0, flatAmount: 15_000 } };

/** North Sound taking payments through the fake Stripe, a room, two offers and Élodie (French). */
async function studioWithElodie(fake: FakeStripe) {
  const served = await servedStudio({ ...STRIPE, STRIPE_API_URL: fake.url });
  await connectStudioToStripe(served.t, fake, served.tenant);
  const inDb = <T>(fn: (db: TenantDb) => Promise<T>) => served.t.tenancy.pool.use(served.tenant.database, fn);
  const setup = await inDb(async (db) => {
    const room = await insertOpenRoom(db);
    const vocal = await insertOffer(db, { roomIds: [room.id], policy: POLICY });
    const mix = await insertOffer(db, {
      roomIds: [room.id],
      name: "Mix session",
      requiresApproval: true,
      policy: { ...DEFAULT_POLICY, deposit: { rule: "none", percentBp: 0, flatAmount: 0 } },
    });
    const elodie = await insertClient(db, { name: "Élodie Roux", email: "elodie@example.com", locale: "fr" });
    const quote = (await sentTestQuote(db, elodie.id)).quote;
    return { vocal, mix, elodie, quote };
  });
  return { served, inDb, ...setup };
}

/** Élodie books the vocal offer at noon (Paris) `days` ahead and pays the deposit on Stripe. */
async function paidBooking(
  { served, vocal, elodie }: Awaited<ReturnType<typeof studioWithElodie>>,
  fake: FakeStripe,
  days: number,
) {
  const { t, tenant } = served;
  const cookie = await t.tenancy.pool.use(
    tenant.database,
    (db) => portalCookie(t.kv, db, tenant, elodie.id, "elodie@example.com"),
  );
  const start = zonedInstant(addDays(localParts(new Date(), ZONE).date, days), "12:00", ZONE)!.toISOString();
  const res = await t.app.request(`/s/north/portal/book/${vocal.id}/confirm?minutes=240&start=${start}`, {
    method: "POST",
    headers: { origin: "http://localhost", cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ minutes: "240", start, name: "Élodie Roux", accept_policy: "on" }),
  });
  assert.equal(res.status, 303, await res.text());
  const sessionId = res.headers.get("location")!.split("/").pop()!;
  assert.equal((await deliverStripeEvent(t, fake, fake.completeCheckout(sessionId))).status, 200);
  return (fake.sessions.get(sessionId)!.metadata as { bookingId: string }).bookingId;
}

async function signInByLink(page: Page, studio: string, served: Awaited<ReturnType<typeof servedStudio>>) {
  await page.goto(`${studio}/portal/sign-in`);
  await page.getByLabel("E-mail address").first().fill("elodie@example.com");
  await page.getByRole("button", { name: "Send me a sign-in link" }).click();
  await page.getByRole("heading", { name: "Check your inbox" }).waitFor();
  const [mail] = (await listOutbox(served.t.kv, { to: "elodie@example.com" }))
    .filter((m) => /\/portal\/auth\?token=/.test(m.text));
  await page.goto(linkIn(mail, /\/portal\/auth\?token=/));
  // The link's page is still the browser's language; the click signs her in.
  await page.getByRole("button", { name: "Continue" }).click();
}

Deno.test("a French-preferring client on a phone: French portal, her quotes, her profile and password, moving a session with its deposit", async () => {
  await using fake = await startFakeStripe();
  const ctx = await studioWithElodie(fake);
  const { served, inDb, elodie, quote } = ctx;
  await using _ = served;
  const bookingId = await paidBooking(ctx, fake, 10);
  const [before] = await inDb((db) =>
    db.select().from(portalBookings).where(eq(portalBookings.bookingId, bookingId))
  );
  assert.equal(before.state, "confirmed");
  const [beforeBlock] = await inDb((db) =>
    db.select().from(bookingBlocks).where(eq(bookingBlocks.bookingId, bookingId))
  );

  await withPage(async (page) => {
    const studio = served.studio;
    // Signed out, the portal speaks the browser's language (English here).
    await signInByLink(page, studio, served);
    // Signed in, it speaks hers.
    await page.getByRole("heading", { name: "Vos sessions et factures" }).waitFor();
    assert.equal(await page.locator("html").getAttribute("lang"), "fr");
    assert.ok(await page.getByRole("button", { name: "Se déconnecter" }).isVisible());

    // Her quotes.
    await page.getByRole("link", { name: "Devis", exact: true }).click();
    await page.getByRole("heading", { name: "Vos devis" }).waitFor();
    const row = page.getByRole("link", { name: new RegExp(quote.number!) });
    await row.waitFor();
    await page.getByText("En attente de votre réponse").first().waitFor();

    // Her profile: a new phone number…
    await page.getByRole("link", { name: "Profil", exact: true }).click();
    await page.getByRole("heading", { name: "Votre profil" }).waitFor();
    await page.getByLabel("Téléphone").fill("+33 6 98 76 54 32");
    await page.getByRole("button", { name: "Enregistrer mes coordonnées" }).click();
    await page.getByText("Vos coordonnées sont enregistrées.").waitFor();
    // …and a password, in French too (the field error first).
    await page.getByLabel("Nouveau mot de passe").fill(PASSWORD);
    await page.getByLabel("Répétez le mot de passe").fill(`${PASSWORD}!`);
    await page.getByRole("button", { name: "Définir le mot de passe" }).click();
    // Beside the field, in French.
    assert.match(await page.locator("#field-confirm-error").innerText(), /^Les deux mots de passe diffèrent/);
    await page.getByLabel("Nouveau mot de passe").fill(PASSWORD);
    await page.getByLabel("Répétez le mot de passe").fill(PASSWORD);
    await page.getByRole("button", { name: "Définir le mot de passe" }).click();
    await page.getByText("Votre mot de passe est défini.").waitFor();

    // Signed out she is a visitor again (English); her password signs her back in, in French.
    await page.getByRole("button", { name: "Se déconnecter" }).click();
    await page.getByRole("link", { name: "Sign in" }).first().click();
    await page.locator("#password-email").fill("elodie@example.com");
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByRole("heading", { name: "Vos sessions et factures" }).waitFor();

    // Moving the session: the deposit goes with it.
    await page.goto(`${studio}/portal/sessions/${bookingId}`);
    await page.getByText("Confirmée").first().waitFor();
    await page.getByRole("link", { name: "Changer la date" }).click();
    await page.getByRole("heading", { name: "Déplacer votre séance" }).waitFor();
    assert.match(
      await page.getByTestId("reschedule-outcome").innerText(),
      /Votre acompte de 150,00\s€ suit la séance à sa nouvelle date/,
    );
    await page.locator("time[data-visitor]").first().click();
    await page.getByRole("heading", { name: "Confirmez la nouvelle date" }).waitFor();
    await page.getByRole("button", { name: "Déplacer la séance" }).click();
    await page.getByText("Votre séance est déplacée.").waitFor();
  }, { mobile: true, timezoneId: ZONE });

  // Profile and password in the database.
  const [record] = await inDb((db) => db.select().from(clients).where(eq(clients.id, elodie.id)));
  assert.equal(record.phone, "+33 6 98 76 54 32");
  assert.equal(record.locale, "fr", "her language is untouched by the profile form");
  const [account] = await inDb((db) => db.select().from(portalAccounts));
  assert.ok(account.passwordHash, "a password is set");
  // The session moved, the same booking: its deposit invoice and payment stay attached.
  const [after] = await inDb((db) =>
    db.select().from(portalBookings).where(eq(portalBookings.bookingId, bookingId))
  );
  assert.equal(after.transfers, 1);
  assert.equal(after.depositDocumentId, before.depositDocumentId);
  assert.equal(after.state, "confirmed");
  const [deposit] = await inDb((db) =>
    db.select().from(billingDocuments).where(eq(billingDocuments.id, after.depositDocumentId!))
  );
  assert.equal(deposit.status, "paid");
  assert.equal(deposit.amountPaid, 15_000);
  const [afterBlock] = await inDb((db) =>
    db.select().from(bookingBlocks).where(eq(bookingBlocks.bookingId, bookingId))
  );
  assert.notEqual(afterBlock.startsAt.getTime(), beforeBlock.startsAt.getTime(), "it is at another time");
  const [booking] = await inDb((db) => db.select().from(bookings).where(eq(bookings.id, bookingId)));
  assert.equal(booking.status, "confirmed");
  // The e-mail confirms her own move, in her language.
  const moved = (await listOutbox(served.t.kv, { to: "elodie@example.com" }))
    .filter((mail) => mail.subject.startsWith("Vous avez déplacé votre séance"));
  assert.equal(moved.length, 1);
});

Deno.test("a client's request on a phone, approved by staff on the desktop, then confirmed in her portal", async () => {
  await using fake = await startFakeStripe();
  const { served, inDb, mix } = await studioWithElodie(fake);
  await using _ = served;
  const studio = served.studio;

  await withPage(async (page) => {
    await signInByLink(page, studio, served);
    await page.getByRole("heading", { name: "Vos sessions et factures" }).waitFor();
    await page.goto(`${studio}/portal/book/${mix.id}`);
    await page.locator("time[data-visitor]").first().click();
    await page.getByRole("heading", { name: "Confirmez votre réservation" }).waitFor();
    await page.getByLabel("Votre nom").fill("Élodie Roux");
    await page.getByLabel("J'ai lu les conditions de réservation et je les accepte.").check();
    await page.getByRole("button", { name: "Envoyer la demande de réservation" }).click();
    await page.getByRole("heading", { name: /Demande reçue/ }).waitFor();
  }, { mobile: true, timezoneId: ZONE });
  const [request] = await inDb((db) => db.select().from(portalBookings));
  assert.equal(request.state, "awaiting_approval");

  // Staff, on the desktop, in the studio's language.
  await withPage(async (page) => {
    await page.goto(`${studio}/sign-in`);
    await page.getByLabel("E-mail address").fill(OWNER.email);
    await page.getByLabel("Password").fill(OWNER.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/app/);
    await page.goto(`${studio}/app/sessions/requests`);
    await page.getByRole("heading", { name: "Portal requests" }).waitFor();
    await page.getByText("Élodie Roux").first().waitFor();
    await page.getByRole("button", { name: "Approve" }).click();
    await page.getByText("The booking is confirmed and the client is told.").waitFor();
  });
  const [approved] = await inDb((db) => db.select().from(portalBookings));
  assert.equal(approved.state, "confirmed");
  const [booking] = await inDb((db) => db.select().from(bookings).where(eq(bookings.id, request.bookingId)));
  assert.equal(booking.status, "confirmed");

  await withPage(async (page) => {
    await signInByLink(page, studio, served);
    await page.goto(`${studio}/portal/sessions/${request.bookingId}`);
    await page.getByText("Confirmée").first().waitFor();
    assert.equal(await page.getByText("En attente de confirmation").count(), 0);
  }, { mobile: true, timezoneId: ZONE });
  const confirmed = (await listOutbox(served.t.kv, { to: "elodie@example.com" }))
    .filter((mail) => mail.subject.startsWith("Séance confirmée"));
  assert.equal(confirmed.length, 1, "she is told in French");
});

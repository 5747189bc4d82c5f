// The portal speaks the client's language (issue 7): which language is chosen, the switcher, and
// domain errors shown in the page's language — through the real app.
import assert from "node:assert/strict";
import { and, eq } from "drizzle-orm";
import { auditLog, clients } from "@/db/schema/mod.ts";
import { ClientInputError } from "@/lib/clients/client_input.ts";
import { ConflictError, NotFoundError } from "@/lib/errors.ts";
import { provisionStudio } from "@/lib/tenancy/provision.ts";
import type { TenantDb } from "@/lib/tenancy/tenant_db.ts";
import { insertOffer, insertOpenRoom } from "@/lib/testing/portal_fixtures.ts";
import { portalCookie } from "@/lib/testing/portal_session.ts";
import { insertClient } from "@/lib/testing/scheduling_fixtures.ts";
import { testApp } from "@/lib/testing/test_app.ts";
import { messageOf, portalLocale, translatePortalError, withMessage } from "./portal_locale.ts";

Deno.test("the portal's language: the client's preference, their choice, their browser, then the studio's", () => {
  assert.equal(portalLocale({ client: "fr", acceptLanguage: "en", studio: "en" }, "en"), "fr");
  assert.equal(
    portalLocale({ client: "fr-CA", studio: "en" }, "en"),
    "fr",
    "a regional tag reads as its language",
  );
  assert.equal(
    portalLocale({ client: "de", acceptLanguage: "fr-CH,en;q=0.5", studio: "en" }, "en"),
    "fr",
    "a language the app lacks is passed over, for the browser's best supported match",
  );
  assert.equal(portalLocale({ client: null, chosen: "fr", acceptLanguage: "en", studio: "en" }, "en"), "fr");
  assert.equal(portalLocale({ client: "en", chosen: "fr", studio: "fr" }, "en"), "en", "the profile wins");
  assert.equal(
    portalLocale({ acceptLanguage: "de, it;q=0.8", studio: "fr" }, "en"),
    "fr",
    "else the studio's",
  );
  assert.equal(portalLocale({ acceptLanguage: "*", studio: "fr" }, "en"), "fr", "any language: the studio's");
  assert.equal(
    portalLocale({ acceptLanguage: "fr;q=0, *", studio: "fr" }, "en"),
    "en",
    "a refused one is not used",
  );
  assert.equal(portalLocale({ studio: "en-GB" }, "fr"), "en");
  assert.equal(portalLocale({ studio: "de" }, "fr"), "fr", "else the deployment's default");
});

Deno.test("a tagged domain error is shown in the reader's language; an untagged one keeps English for English readers only", () => {
  const tagged = withMessage(new ConflictError("Too late."), "portal.error.cancel_closed");
  assert.equal(messageOf(tagged)?.id, "portal.error.cancel_closed");
  assert.equal(
    (translatePortalError(tagged, "fr") as Error).message,
    "Cette séance ne peut plus être annulée en ligne. Contactez le studio.",
  );
  assert.equal((translatePortalError(new ConflictError("Taken."), "en") as Error).message, "Taken.");
  assert.equal((translatePortalError(new ConflictError("Taken."), "fr") as Error).message, "");
  assert.equal(
    (translatePortalError(new ClientInputError({ start: { id: "portal.error.start" } }), "fr") as Error)
      .message,
    "",
    "no English sentence on a French page (the field errors are translated by the page)",
  );
  const notFound = new NotFoundError("No such session.");
  assert.equal(translatePortalError(notFound, "fr"), notFound);
  const crash = new Error("boom");
  assert.equal(
    (translatePortalError(crash, "fr") as Error).message,
    "boom",
    "faults are left to the error handler",
  );
});

function form(fields: Record<string, string>, headers: Record<string, string> = {}): RequestInit {
  return {
    method: "POST",
    headers: { origin: "http://localhost", "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(fields),
  };
}

/** Blue Room (an English studio) with an offer, and Élodie (who prefers French) signed in. */
async function blueRoom() {
  const t = await testApp();
  const tenant = await provisionStudio(t.tenancy, {
    slug: "blue",
    name: "Blue Room",
    timezone: "Europe/Paris",
    currency: "EUR",
    locale: "en",
  });
  const inStudio = <T>(fn: (db: TenantDb) => Promise<T>) => t.tenancy.pool.use(tenant.database, fn);
  const { elodie, offer, cookie } = await inStudio(async (db) => {
    const elodie = await insertClient(db, { name: "Élodie Roux", email: "elodie@example.com", locale: "fr" });
    const room = await insertOpenRoom(db);
    const offer = await insertOffer(db, { roomIds: [room.id] });
    return { elodie, offer, cookie: await portalCookie(t.kv, db, tenant, elodie.id, "elodie@example.com") };
  });
  return { t, inStudio, elodie, offer, cookie };
}

Deno.test("a French-preferring client reads the portal in French; a visitor gets their browser's language, else the studio's", async () => {
  const { t, cookie } = await blueRoom();
  await using _ = t;
  const english = { "accept-language": "en-US,en;q=0.9" };
  const home = await (await t.app.request("/s/blue/portal", { headers: { cookie, ...english } })).text();
  assert.match(home, /<html lang="fr"/, "her profile beats her browser");
  assert.match(home, /Vos sessions et factures/);
  assert.match(home, />Se déconnecter</);

  const visitor = async (headers: Record<string, string>) =>
    await (await t.app.request("/s/blue/portal/book", { headers })).text();
  assert.match(
    await visitor({ "accept-language": "fr-BE, en;q=0.5" }),
    /<html lang="fr"[\s\S]*Réserver une session/,
  );
  assert.match(
    await visitor({ "accept-language": "de-DE" }),
    /<html lang="en"/,
    "no German: the studio's English",
  );
  assert.match(await visitor({}), /<html lang="en"/);
  // The staff side still follows the studio, whatever the browser says.
  const staff = await t.app.request("/s/blue/sign-in", { headers: { "accept-language": "fr" } });
  assert.match(await staff.text(), /<html lang="en"/);
});

Deno.test("the footer's switcher: a visitor's choice is a cookie, a client's is stored on their profile and audited", async () => {
  const { t, inStudio, elodie, cookie } = await blueRoom();
  await using _ = t;
  const page = await (await t.app.request("/s/blue/portal/book", { headers: { "accept-language": "en" } }))
    .text();
  assert.match(page, /action="\/s\/blue\/portal\/language"/);
  assert.match(page, /<option\s+value="fr" lang="fr"[^>]*>Français</);

  const chosen = await t.app.request(
    "/s/blue/portal/language",
    form({ locale: "fr", next: "/s/blue/portal/book?x=1" }, { "accept-language": "en" }),
  );
  assert.equal(chosen.status, 303);
  assert.equal(chosen.headers.get("location"), "/s/blue/portal/book?x=1", "back to the page it came from");
  const languageCookie = chosen.headers.get("set-cookie")!.split(";")[0];
  assert.equal(languageCookie, "rsm_portal_lang=fr");
  const after = await t.app.request("/s/blue/portal/book", {
    headers: { cookie: languageCookie, "accept-language": "en" },
  });
  assert.match(await after.text(), /<html lang="fr"[\s\S]*Réserver une session/);

  const elsewhere = await t.app.request(
    "/s/blue/portal/language",
    form({ locale: "fr", next: "https://evil.example/" }),
  );
  assert.equal(elsewhere.headers.get("location"), "/s/blue/portal", "never an open redirect");
  const unknown = await t.app.request(
    "/s/blue/portal/language",
    form({ locale: "xx" }, { cookie: languageCookie }),
  );
  assert.equal(unknown.status, 422);
  assert.match(await unknown.text(), /Choisissez l’une des langues proposées/);
  const noOrigin = await t.app.request("/s/blue/portal/language", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "locale=fr",
  });
  assert.equal(noOrigin.status, 403, "the origin check guards it like every form");
  await noOrigin.body?.cancel();

  // Élodie switches to English: her record says so (her e-mails follow), audited as her edit.
  const switched = await t.app.request(
    "/s/blue/portal/language",
    form({ locale: "en", next: "/s/blue/portal" }, { cookie }),
  );
  assert.equal(switched.status, 303);
  const record = await inStudio(async (db) => {
    const [row] = await db.select().from(clients).where(eq(clients.id, elodie.id));
    const audit = await db.select().from(auditLog).where(
      and(eq(auditLog.entityId, elodie.id), eq(auditLog.action, "client.updated")),
    );
    return { row, audit };
  });
  assert.equal(record.row.locale, "en");
  assert.equal(record.row.version, elodie.version + 1);
  assert.equal(record.audit.length, 1);
  assert.equal(record.audit[0].actorType, "client");
  assert.deepEqual(record.audit[0].changes, { locale: { before: "fr", after: "en" } });
  const home = await (await t.app.request("/s/blue/portal", { headers: { cookie, "accept-language": "fr" } }))
    .text();
  assert.match(home, /<html lang="en"/);
});

Deno.test("a French visitor's booking form comes back with French messages beside the fields", async () => {
  const { t, offer } = await blueRoom();
  await using _ = t;
  const french = { "accept-language": "fr-FR,fr;q=0.9" };
  const page = await (await t.app.request(`/s/blue/portal/book/${offer.id}`, { headers: french })).text();
  const confirmPath = page.match(/href="([^"]*\/confirm\?[^"]*)"/)![1].replaceAll("&amp;", "&");
  const start = new URL(confirmPath, "http://localhost").searchParams.get("start")!;
  const refused = await t.app.request(
    confirmPath,
    form({ minutes: "240", start, name: "", email: "x", phone: "0".repeat(41) }, french),
  );
  assert.equal(refused.status, 422);
  const text = await refused.text();
  assert.match(text, /Indiquez votre nom au studio\./);
  assert.match(text, /Saisissez une adresse e-mail où le studio peut vous joindre\./);
  assert.match(text, /40 caractères au plus\./);
  assert.match(text, /Lisez les conditions de réservation et cochez la case pour les accepter\./);
  assert.doesNotMatch(text, /Tell the studio your name/);
});

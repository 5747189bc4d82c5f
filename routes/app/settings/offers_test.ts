// The bookable offers pages through the real app: who may read and change them, the form without
// JavaScript (fixed rows, blank ones skipped, prices in the reader's format), problems beside their
// fields, stale edits, deactivation, audit rows.
import assert from "node:assert/strict";
import { listAudit } from "@/lib/audit/audit.ts";
import { getOffer, listOffers } from "@/lib/portal/offers.ts";
import { DEFAULT_POLICY } from "@/lib/portal/policy.ts";
import { provisionStudio } from "@/lib/tenancy/provision.ts";
import type { TenantDb } from "@/lib/tenancy/tenant_db.ts";
import { insertEngineer, insertRoom } from "@/lib/testing/scheduling_fixtures.ts";
import { signedInCookie } from "@/lib/testing/staff_session.ts";
import { testApp } from "@/lib/testing/test_app.ts";

type App = Awaited<ReturnType<typeof testApp>>;
const BASE = "/s/north";

async function setup(locale = "en") {
  const t = await testApp();
  const tenant = await provisionStudio(t.tenancy, {
    slug: "north",
    name: "North Sound",
    timezone: "Europe/Paris",
    currency: "EUR",
    locale,
  });
  const cookie = (role: "owner" | "admin" | "manager" | "engineer" | "bookkeeper") =>
    signedInCookie(t.kv, tenant, { base: BASE, role, email: `${role}@example.com` });
  const inDb = <T>(fn: (db: TenantDb) => Promise<T>) => t.tenancy.pool.use(tenant.database, fn);
  const live = await inDb((db) => insertRoom(db, { name: "Live room" }));
  const booth = await inDb((db) => insertRoom(db, { name: "Vocal booth" }));
  const sam = await inDb((db) => insertEngineer(db, { name: "Sam Engineer" }));
  return { t, owner: await cookie("owner"), cookie, inDb, live, booth, sam };
}

const headers = (cookie: string, language = "en") => ({
  origin: "http://localhost",
  "accept-language": language,
  cookie,
});

function post(
  t: App,
  path: string,
  fields: Record<string, string | string[]>,
  cookie: string,
  language = "en",
) {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const v of [value].flat()) body.append(name, v);
  }
  return t.app.request(`${BASE}${path}`, {
    method: "POST",
    headers: { ...headers(cookie, language), "content-type": "application/x-www-form-urlencoded" },
    body: body.toString(),
  });
}

const get = (t: App, path: string, cookie: string, language = "en") =>
  t.app.request(`${BASE}${path}`, { headers: headers(cookie, language) });

/** The text of the error shown beside the field `name`. */
function errorBeside(html: string, name: string): string | undefined {
  const id = `field-${name.replace(/[^A-Za-z0-9_-]+/g, "-")}-error`;
  return new RegExp(`<p id="${id}"[^>]*>([^<]*)</p>`).exec(html)?.[1];
}

/** The offer form as its page sends it (four length rows, four window rows), with some fields changed. */
function offerForm(roomIds: string[], changes: Record<string, string | string[]> = {}) {
  return {
    name: "Vocal recording — 4 h with engineer",
    description: "",
    roomIds,
    engineerId: "",
    position: "0",
    "durations.0.minutes": "240",
    "durations.0.price": "400.00",
    "durations.1.minutes": "",
    "durations.1.price": "",
    "durations.2.minutes": "480",
    "durations.2.price": "1,234.50",
    "durations.3.minutes": "",
    "durations.3.price": "",
    depositRule: "greater",
    depositPercent: "30",
    depositFlat: "50",
    "windows.0.hours": "72",
    "windows.0.outcome": "full_refund",
    "windows.1.hours": "24",
    "windows.1.outcome": "deposit_kept",
    "windows.2.hours": "0",
    "windows.2.outcome": "full_charge",
    "windows.3.hours": "",
    "windows.3.outcome": "",
    maxTransfers: "1",
    rescheduleMinHours: "72",
    ...changes,
  };
}

Deno.test("an owner creates an offer: blank rows skipped, prices and percent read as typed, audited", async () => {
  const { t, owner, inDb, live, booth, sam } = await setup();
  await using _ = t;
  const form = await (await get(t, "/app/settings/offers/new", owner)).text();
  assert.match(form, /name="durations\.3\.minutes"/, "four length rows");
  assert.match(form, /name="windows\.3\.hours"/, "four window rows");
  assert.match(form, /value="72"/, "the default policy is filled in");

  const res = await post(
    t,
    "/app/settings/offers/new",
    offerForm([booth.id, live.id], { engineerId: sam.id, requiresApproval: "1", depositPercent: "12.5" }),
    owner,
  );
  assert.equal(res.status, 303);
  assert.equal(res.headers.get("location"), `${BASE}/app/settings/offers?saved=created`);
  const [offer] = await inDb((db) => listOffers(db));
  assert.equal(offer.name, "Vocal recording — 4 h with engineer");
  assert.deepEqual(offer.roomIds, [booth.id, live.id]);
  assert.equal(offer.engineerId, sam.id);
  assert.equal(offer.currency, "EUR");
  assert.equal(offer.requiresApproval, true);
  assert.deepEqual(offer.durations, [{ minutes: 240, price: 40_000 }, { minutes: 480, price: 123_450 }]);
  assert.deepEqual(offer.policy, {
    ...DEFAULT_POLICY,
    deposit: { rule: "greater", percentBp: 1250, flatAmount: 5_000 },
  });
  const [audit] = await inDb((db) => listAudit(db, { action: "offer.created" }));
  assert.equal(audit.entityId, offer.id);
  assert.equal(audit.actorLabel, "owner@example.com");

  const list = await (await get(t, "/app/settings/offers?saved=created", owner)).text();
  assert.match(list, /The offer was created\./);
  assert.match(list, /Vocal booth, Live room/);
  assert.match(list, /Sam Engineer/);
  assert.match(list, /4 h · €400\.00/);
  assert.match(list, /12\.5 % or €50\.00, whichever is more/);
  assert.match(list, /Requires approval/);
  assert.match(list, new RegExp(`href="${BASE}/app/settings/offers/${offer.id}/edit"`));
});

Deno.test("a French reader types prices and percentages the French way", async () => {
  const { t, owner, inDb, live } = await setup("fr");
  await using _ = t;
  const res = await post(
    t,
    "/app/settings/offers/new",
    offerForm([live.id], { "durations.2.price": "1 234,50", depositPercent: "12,5", depositFlat: "50,00" }),
    owner,
    "fr",
  );
  assert.equal(res.status, 303);
  const [offer] = await inDb((db) => listOffers(db));
  assert.equal(offer.durations[1].price, 123_450);
  assert.equal(offer.policy.deposit.percentBp, 1250);
  const edit = await (await get(t, `/app/settings/offers/${offer.id}/edit`, owner, "fr")).text();
  assert.match(edit, /value="1234,50"/);
  assert.match(edit, /value="12,5"/);
});

Deno.test("problems come back beside their fields, on the row they were typed in, and nothing is saved", async () => {
  const { t, owner, inDb, live } = await setup();
  await using _ = t;
  const res = await post(
    t,
    "/app/settings/offers/new",
    offerForm([], {
      name: "",
      "durations.2.minutes": "250",
      "durations.3.minutes": "60",
      "durations.3.price": "abc",
      depositPercent: "thirty",
      "windows.1.hours": "80",
      "windows.2.outcome": "",
      maxTransfers: "11",
    }),
    owner,
  );
  assert.equal(res.status, 422);
  const html = await res.text();
  assert.equal(errorBeside(html, "name"), "Enter a name.");
  assert.equal(errorBeside(html, "roomIds"), "Choose at least one room.");
  assert.equal(errorBeside(html, "durations.2.minutes"), "Give the length in steps of 15 minutes.");
  assert.match(errorBeside(html, "durations.3.price")!, /Enter an amount such as/);
  assert.equal(errorBeside(html, "depositPercent"), "Enter a percentage such as 30 or 12.5.");
  assert.match(errorBeside(html, "windows.1.hours")!, /longest notice down/);
  assert.equal(errorBeside(html, "windows.2.outcome"), "Choose what happens to the money.");
  assert.match(errorBeside(html, "maxTransfers")!, /at most 10/);
  assert.match(html, /value="250"/, "what was typed stays in the field");
  assert.match(html, /href="#field-roomIds"/, "the summary links to the rooms");
  assert.deepEqual(await inDb((db) => listOffers(db)), []);

  const archived = await inDb((db) => insertRoom(db, { name: "Old room", active: false }));
  const withArchived = await post(t, "/app/settings/offers/new", offerForm([live.id, archived.id]), owner);
  assert.equal(withArchived.status, 422);
  assert.equal(
    errorBeside(await withArchived.text(), "roomIds"),
    "Choose rooms that exist and are not archived.",
  );
});

Deno.test("an edit saves with its version; a stale one comes back with what was typed", async () => {
  const { t, owner, inDb, live } = await setup();
  await using _ = t;
  await post(t, "/app/settings/offers/new", offerForm([live.id]), owner);
  const [offer] = await inDb((db) => listOffers(db));
  const page = await (await get(t, `/app/settings/offers/${offer.id}/edit`, owner)).text();
  assert.match(page, /name="version" value="1"/);
  assert.match(page, /value="400\.00"/);

  const saved = await post(t, `/app/settings/offers/${offer.id}/edit`, {
    ...offerForm([live.id], { name: "Vocals", "durations.0.price": "450" }),
    version: "1",
  }, owner);
  assert.equal(saved.status, 303);
  assert.equal(saved.headers.get("location"), `${BASE}/app/settings/offers?saved=updated`);
  const updated = await inDb((db) => getOffer(db, offer.id));
  assert.equal(updated?.name, "Vocals");
  assert.equal(updated?.durations[0].price, 45_000);
  const [audit] = await inDb((db) => listAudit(db, { action: "offer.updated" }));
  assert.deepEqual(audit.changes?.name, { before: "Vocal recording — 4 h with engineer", after: "Vocals" });

  const stale = await post(t, `/app/settings/offers/${offer.id}/edit`, {
    ...offerForm([live.id], { name: "Late edit" }),
    version: "1",
  }, owner);
  assert.equal(stale.status, 409);
  const html = await stale.text();
  assert.match(html, /Someone else saved this offer/);
  assert.match(html, /value="Late edit"/);
  assert.match(html, /name="version" value="2"/);
  assert.equal((await inDb((db) => getOffer(db, offer.id)))?.name, "Vocals");

  const invalid = await post(t, `/app/settings/offers/${offer.id}/edit`, {
    ...offerForm([live.id], { "durations.0.minutes": "15" }),
    version: "2",
  }, owner);
  assert.equal(invalid.status, 422);
  assert.equal(
    errorBeside(await invalid.text(), "durations.0.minutes"),
    "A session lasts at least 30 minutes.",
  );
  assert.equal((await get(t, "/app/settings/offers/off_missing/edit", owner)).status, 404);
});

Deno.test("an offer is taken off the booking page and put back, each audited", async () => {
  const { t, owner, inDb, live } = await setup();
  await using _ = t;
  await post(t, "/app/settings/offers/new", offerForm([live.id]), owner);
  const [offer] = await inDb((db) => listOffers(db));
  const off = await post(t, `/app/settings/offers/${offer.id}/edit`, { intent: "deactivate" }, owner);
  assert.equal(off.headers.get("location"), `${BASE}/app/settings/offers?saved=deactivated`);
  assert.deepEqual(await inDb((db) => listOffers(db, { activeOnly: true })), []);
  assert.match(await (await get(t, "/app/settings/offers", owner)).text(), /Inactive/);
  const on = await post(t, `/app/settings/offers/${offer.id}/edit`, { intent: "activate" }, owner);
  assert.equal(on.headers.get("location"), `${BASE}/app/settings/offers?saved=activated`);
  assert.equal((await inDb((db) => listOffers(db, { activeOnly: true }))).length, 1);
  const actions = (await inDb((db) => listAudit(db, { entityType: "booking_offer" }))).map((a) => a.action);
  assert.deepEqual(actions, ["offer.activated", "offer.deactivated", "offer.created"]);
});

Deno.test("managers read the offers; only owners and admins change them; engineers see nothing", async () => {
  const { t, owner, cookie, inDb, live } = await setup();
  await using _ = t;
  await post(t, "/app/settings/offers/new", offerForm([live.id]), owner);
  const [offer] = await inDb((db) => listOffers(db));
  const manager = await cookie("manager");
  const list = await get(t, "/app/settings/offers", manager);
  assert.equal(list.status, 200);
  const html = await list.text();
  assert.match(html, /Vocal recording/);
  assert.doesNotMatch(html, /offers\/new/, "no New button for a reader");
  assert.doesNotMatch(html, /\/edit"/, "no edit links for a reader");
  assert.equal((await get(t, "/app/settings/offers/new", manager)).status, 403);
  assert.equal((await post(t, "/app/settings/offers/new", offerForm([live.id]), manager)).status, 403);
  assert.equal(
    (await post(t, `/app/settings/offers/${offer.id}/edit`, { intent: "deactivate" }, manager)).status,
    403,
  );
  assert.equal((await inDb((db) => listOffers(db, { activeOnly: true }))).length, 1);

  const admin = await cookie("admin");
  assert.equal(
    (await post(t, "/app/settings/offers/new", offerForm([live.id], { name: "Mix" }), admin)).status,
    303,
  );

  for (const role of ["engineer", "bookkeeper"] as const) {
    const c = await cookie(role);
    assert.equal((await get(t, "/app/settings/offers", c)).status, 403, role);
    assert.equal((await get(t, `/app/settings/offers/${offer.id}/edit`, c)).status, 403, role);
  }
  assert.match(
    await (await get(t, "/app/settings/billing", owner)).text(),
    /href="\/s\/north\/app\/settings\/offers"/,
  );
});

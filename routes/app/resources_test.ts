// The rooms, engineers and gear pages through the real app (journey 5 without a browser): forms that
// work without JavaScript, problems beside their fields, permissions, closures and time off.
import assert from "node:assert/strict";
import { byId, tagsOf } from "@/components/test_html.ts";
import { listAudit } from "@/lib/audit/audit.ts";
import { getStaffByEmail } from "@/lib/kv/staff.ts";
import { listClosures } from "@/lib/scheduling/closures.ts";
import { listEngineers } from "@/lib/scheduling/engineers.ts";
import { listGear } from "@/lib/scheduling/gear.ts";
import { roomValues } from "@/lib/scheduling/resource_forms.ts";
import { listRooms, ROOM_DEFAULTS } from "@/lib/scheduling/rooms.ts";
import { listTimeOff } from "@/lib/scheduling/time_off.ts";
import { provisionStudio } from "@/lib/tenancy/provision.ts";
import type { TenantDb } from "@/lib/tenancy/tenant_db.ts";
import { ACTING, hoursFromNow, insertSession } from "@/lib/testing/resource_fixtures.ts";
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
  const owner = await signedInCookie(t.kv, tenant, { base: BASE, email: "ana@example.com" });
  const engineer = await signedInCookie(t.kv, tenant, {
    base: BASE,
    role: "engineer",
    email: "sam@example.com",
  });
  const inDb = <T>(fn: (db: TenantDb) => Promise<T>) => t.tenancy.pool.use(tenant.database, fn);
  return { t, tenant, owner, engineer, inDb };
}

function post(t: App, path: string, fields: Record<string, string>, cookie: string, language = "en") {
  return t.app.request(`${BASE}${path}`, {
    method: "POST",
    headers: {
      origin: "http://localhost",
      "content-type": "application/x-www-form-urlencoded",
      "accept-language": language,
      cookie,
    },
    body: new URLSearchParams(fields).toString(),
  });
}

const get = (t: App, path: string, cookie: string) =>
  t.app.request(`${BASE}${path}`, { headers: { cookie, "accept-language": "en" } });

/** The new-room form as its page fills it, with some fields changed. */
const roomForm = (changes: Record<string, string>) => ({
  ...roomValues({ name: "", ...ROOM_DEFAULTS }, { currency: "EUR", locale: "en" }),
  ...changes,
});

Deno.test("a manager creates a room from the form; it is listed with its rate and audited", async () => {
  const { t, owner, inDb } = await setup();
  await using _ = t;
  const menu = await (await get(t, "/app", owner)).text();
  assert.match(menu, /href="\/s\/north\/app\/rooms"/);
  assert.match(menu, /href="\/s\/north\/app\/engineers"/);
  assert.match(menu, /href="\/s\/north\/app\/gear"/);

  const res = await post(
    t,
    "/app/rooms/new",
    roomForm({
      name: "Studio A",
      kind: "live",
      hourlyRate: "60",
      halfDayRate: "200",
      dayRate: "360",
      nightRate: "80.50",
      minimumMinutes: "2",
      setupMinutes: "15",
      teardownMinutes: "30",
      "openingHours.1.open": "09:00",
      "openingHours.1.close": "22:00",
      "openingHours.5.open": "18:00",
      "openingHours.5.close": "04:00",
    }),
    owner,
  );
  assert.equal(res.status, 303);
  const [room] = await inDb((db) => listRooms(db));
  assert.equal(res.headers.get("location"), `${BASE}/app/rooms/${room.id}?saved=created`);
  assert.equal(room.nightRate, 8050);
  assert.equal(room.minimumMinutes, 120);
  assert.deepEqual(room.openingHours.map((i) => `${i.weekday} ${i.open}-${i.close}`), [
    "1 09:00-22:00",
    "5 18:00-04:00",
  ]);

  const page = await (await get(t, `/app/rooms/${room.id}?saved=created`, owner)).text();
  assert.match(page, /The room is created/);
  assert.equal(byId(page, "field-hourlyRate").attributes.value, "60.00");
  assert.equal(byId(page, "field-openingHours-5").attributes.value, "18:00");

  const list = await (await get(t, "/app/rooms", owner)).text();
  assert.match(list, /Studio A/);
  assert.match(list, /€60\.00/);
  const [entry] = await inDb((db) => listAudit(db));
  assert.equal(entry.action, "room.created");
  assert.equal(entry.actorLabel, "ana@example.com");
});

Deno.test("a refused room form comes back with each problem beside its field and what was typed", async () => {
  const { t, owner, inDb } = await setup();
  await using _ = t;
  const res = await post(
    t,
    "/app/rooms/new",
    roomForm({
      name: "Studio A",
      hourlyRate: "sixty",
      "openingHours.2.open": "09:00",
      "openingHours.2.close": "13:00",
      "openingHours.2.open2": "12:00",
      "openingHours.2.close2": "18:00",
    }),
    owner,
  );
  assert.equal(res.status, 422);
  const html = await res.text();
  const rate = byId(html, "field-hourlyRate").attributes;
  assert.equal(rate["aria-invalid"], "true");
  assert.equal(rate.value, "sixty");
  assert.match(html, /id="field-hourlyRate-error"[^>]*>Enter an amount of zero or more such as 120\.00/);
  assert.match(
    html,
    /id="field-openingHours-2-error"[^>]*>09:00–13:00 overlaps 12:00–18:00 on the same day\./,
  );
  assert.match(
    html,
    /href="#field-openingHours-2"[^>]*>Tuesday: 09:00–13:00 overlaps/,
    "the summary names the day",
  );
  assert.equal(byId(html, "field-name").attributes.value, "Studio A");
  assert.deepEqual(await inDb((db) => listRooms(db)), []);
});

Deno.test("a French studio's pages and problems are in French, amounts with a decimal comma", async () => {
  const { t, owner, inDb } = await setup("fr");
  await using _ = t;
  const page = await (await get(t, "/app/rooms/new", owner)).text();
  assert.match(page, /Tarif horaire \(EUR\)/);
  assert.match(page, /Réservation minimale/);
  const refused = await post(t, "/app/rooms/new", roomForm({ name: "", hourlyRate: "12,345" }), owner, "fr");
  const html = await refused.text();
  assert.match(html, /id="field-name-error"[^>]*>Indiquez un nom\./);
  assert.match(
    html,
    /id="field-hourlyRate-error"[^>]*>Indiquez un montant positif ou nul, par exemple 120,00/,
  );
  await post(
    t,
    "/app/rooms/new",
    roomForm({ name: "Studio A", hourlyRate: "1 234,50", minimumMinutes: "1,5" }),
    owner,
  );
  const [room] = await inDb((db) => listRooms(db));
  assert.equal(room.hourlyRate, 123450);
  assert.equal(room.minimumMinutes, 90);
  assert.equal(
    byId(await (await get(t, `/app/rooms/${room.id}`, owner)).text(), "field-minimumMinutes").attributes
      .value,
    "1,5",
  );
});

Deno.test("roles that only view rooms see the lists without edit links and are refused the forms", async () => {
  const { t, owner, engineer } = await setup();
  await using _ = t;
  await post(t, "/app/rooms/new", roomForm({ name: "Studio A" }), owner);
  const list = await get(t, "/app/rooms", engineer);
  assert.equal(list.status, 200);
  const html = await list.text();
  assert.match(html, /Studio A/);
  assert.ok(!html.includes("/app/rooms/new"), "no New room button");
  assert.ok(!html.includes(`${BASE}/app/rooms/room_`), "no edit link");
  assert.equal((await get(t, "/app/rooms/new", engineer)).status, 403);
  assert.equal((await post(t, "/app/rooms/new", roomForm({ name: "B" }), engineer)).status, 403);
  assert.equal((await get(t, "/app/gear", engineer)).status, 200);
  assert.equal((await get(t, "/app/engineers", engineer)).status, 200);
});

Deno.test("a room's closures are added as whole days or times in the studio's zone, and removed", async () => {
  const { t, owner, inDb } = await setup();
  await using _ = t;
  await post(t, "/app/rooms/new", roomForm({ name: "Studio A" }), owner);
  const [room] = await inDb((db) => listRooms(db));
  const page = `/app/rooms/${room.id}`;

  const days = await post(t, page, {
    intent: "add-span",
    kind: "days",
    from: "2027-12-24",
    to: "2027-12-26",
    reason: "Holidays",
  }, owner);
  assert.equal(days.status, 303);
  assert.equal(days.headers.get("location"), `${BASE}${page}?saved=closure`);
  const times = await post(t, page, {
    intent: "add-span",
    kind: "times",
    start: "2027-03-28T01:00",
    end: "2027-03-28T05:00",
  }, owner);
  assert.equal(times.status, 303);
  const closures = await inDb((db) => listClosures(db, { roomId: room.id }));
  assert.deepEqual(closures.map((c) => [c.startsAt.toISOString(), c.endsAt.toISOString()]), [
    ["2027-03-28T00:00:00.000Z", "2027-03-28T03:00:00.000Z"],
    ["2027-12-23T23:00:00.000Z", "2027-12-26T23:00:00.000Z"],
  ]);
  const html = await (await get(t, page, owner)).text();
  assert.match(html, /Dec 24, 2027 – Dec 26, 2027/);
  assert.match(html, /Holidays/);

  const backwards = await post(t, page, {
    intent: "add-span",
    kind: "days",
    from: "2027-05-02",
    to: "2027-05-01",
  }, owner);
  assert.equal(backwards.status, 422);
  const refused = await backwards.text();
  assert.match(refused, /id="field-to-error"[^>]*>The last day cannot be before the first\./);
  assert.equal(byId(refused, "field-from").attributes.value, "2027-05-02");

  await post(t, page, { intent: "remove-span", spanId: closures[0].id }, owner);
  assert.equal((await inDb((db) => listClosures(db, { roomId: room.id }))).length, 1);
  const other = await post(t, "/app/rooms/new", roomForm({ name: "Studio B" }), owner);
  const otherPage = new URL(other.headers.get("location")!, "http://x").pathname.slice(BASE.length);
  assert.equal(
    (await post(t, otherPage, { intent: "remove-span", spanId: closures[1].id }, owner)).status,
    404,
  );
});

Deno.test("a save from a page opened before someone else's save is refused, keeping what was typed", async () => {
  const { t, owner, inDb } = await setup();
  await using _ = t;
  await post(t, "/app/rooms/new", roomForm({ name: "Studio A" }), owner);
  const [room] = await inDb((db) => listRooms(db));
  const page = `/app/rooms/${room.id}`;
  const form = { ...roomForm({ name: "Studio A" }), intent: "save", updatedAt: room.updatedAt.toISOString() };
  assert.equal((await post(t, page, { ...form, hourlyRate: "70" }, owner)).status, 303);
  const stale = await post(t, page, { ...form, hourlyRate: "80" }, owner);
  assert.equal(stale.status, 409);
  const html = await stale.text();
  assert.match(html, /Someone else saved changes here after you opened this page/);
  assert.equal(byId(html, "field-hourlyRate").attributes.value, "80", "what was typed is kept");
  assert.equal((await inDb((db) => listRooms(db)))[0].hourlyRate, 7000);
  const newer = tagsOf(html, "input").find((input) => input.name === "updatedAt")!.value;
  assert.equal((await post(t, page, { ...form, hourlyRate: "80", updatedAt: newer }, owner)).status, 303);
  assert.equal((await inDb((db) => listRooms(db)))[0].hourlyRate, 8000);
});

Deno.test("a booked room cannot be deleted: the page says why and offers deactivation", async () => {
  const { t, owner, inDb } = await setup();
  await using _ = t;
  await post(t, "/app/rooms/new", roomForm({ name: "Studio A" }), owner);
  const [room] = await inDb((db) => listRooms(db));
  await inDb((db) => insertSession(db, { roomId: room.id, start: hoursFromNow(24), end: hoursFromNow(26) }));
  const page = `/app/rooms/${room.id}`;
  assert.match(await (await get(t, page, owner)).text(), /1 upcoming session is booked in this room/);

  const refused = await post(t, page, { intent: "delete" }, owner);
  assert.equal(refused.status, 409);
  assert.match(await refused.text(), /so it cannot be deleted\. Deactivate it instead/);
  assert.equal(
    (await post(t, page, { intent: "deactivate" }, owner)).headers.get("location"),
    `${BASE}${page}?saved=deactivated`,
  );
  assert.deepEqual(await inDb((db) => listRooms(db)), []);
  assert.match(await (await get(t, "/app/rooms", owner)).text(), /Inactive/);
  await post(t, page, { intent: "reactivate" }, owner);
  assert.equal((await inDb((db) => listRooms(db))).length, 1);

  await post(t, "/app/rooms/new", roomForm({ name: "Mistake" }), owner);
  const mistake = (await inDb((db) => listRooms(db))).find((r) => r.name === "Mistake")!;
  const deleted = await post(t, `/app/rooms/${mistake.id}`, { intent: "delete" }, owner);
  assert.equal(deleted.headers.get("location"), `${BASE}/app/rooms?deleted=1`);
});

Deno.test("an engineer is added with working hours, linked to a member, and given time off", async () => {
  const { t, tenant, owner, inDb } = await setup();
  await using _ = t;
  const form = await (await get(t, "/app/engineers/new", owner)).text();
  const sam = (await getStaffByEmail(t.kv, "sam@example.com"))!;
  assert.ok(tagsOf(form, "option").some((o) => o.value === sam.id), "members are offered");

  const res = await post(t, "/app/engineers/new", {
    name: "Sam Ortiz",
    staffId: sam.id,
    colour: "#0ea5e9",
    hourlyRate: "35",
    dayRate: "",
    dayMinutes: "10",
    "workingHours.2.open": "10:00",
    "workingHours.2.close": "19:00",
  }, owner);
  assert.equal(res.status, 303);
  const [engineer] = await inDb((db) => listEngineers(db));
  assert.equal(engineer.staffId, sam.id);
  assert.equal(engineer.hourlyRate, 3500);
  assert.deepEqual(engineer.workingHours, [{ weekday: 2, open: "10:00", close: "19:00" }]);

  const page = `/app/engineers/${engineer.id}`;
  const off = await post(t, page, {
    intent: "add-span",
    kind: "days",
    from: "2027-08-01",
    to: "2027-08-15",
    reason: "Tour",
  }, owner);
  assert.equal(off.status, 303);
  assert.equal((await inDb((db) => listTimeOff(db, engineer.id))).length, 1);

  const twice = await post(t, "/app/engineers/new", {
    name: "Sam twin",
    staffId: sam.id,
    colour: "#0ea5e9",
    hourlyRate: "0",
    dayMinutes: "10",
  }, owner);
  assert.equal(twice.status, 422);
  assert.match(await twice.text(), /This account is already linked to Sam Ortiz\./);
  const list = await (await get(t, "/app/engineers", owner)).text();
  assert.match(list, /Sam Ortiz/);
  assert.match(list, new RegExp(`Staff of ${tenant.name}`), "the linked account's name");
});

Deno.test("gear is added with units and a fee, put into maintenance, and refused deletion once used", async () => {
  const { t, owner, inDb } = await setup();
  await using _ = t;
  const res = await post(t, "/app/gear/new", {
    name: "U 87",
    category: "Microphones",
    quantity: "2",
    fee: "25",
    feePer: "day",
    status: "in_service",
    notes: "",
  }, owner);
  assert.equal(res.headers.get("location"), `${BASE}/app/gear?saved=created`);
  const list = await (await get(t, "/app/gear?saved=created", owner)).text();
  assert.match(list, /€25\.00 per day/);
  assert.match(list, /The gear is added/);

  const [mic] = await inDb((db) => listGear(db));
  await inDb(async (db) => {
    const room = await (await import("@/lib/scheduling/rooms.ts")).createRoom(
      db,
      { name: "Studio A" },
      ACTING,
    );
    await insertSession(db, {
      roomId: room.id,
      gear: { id: mic.id, quantity: 1 },
      start: hoursFromNow(5),
      end: hoursFromNow(7),
    });
  });
  const page = `/app/gear/${mic.id}`;
  const saved = await post(t, page, {
    intent: "save",
    name: "U 87",
    quantity: "2",
    fee: "25",
    feePer: "day",
    status: "maintenance",
  }, owner);
  assert.equal(saved.status, 303);
  const html = await (await get(t, `${page}?saved=gear`, owner)).text();
  assert.match(html, /1 upcoming session still includes this item/);
  assert.equal((await inDb((db) => listAudit(db)))[0].action, "gear.updated");

  const refused = await post(t, page, { intent: "delete" }, owner);
  assert.equal(refused.status, 409);
  assert.match(await refused.text(), /Set it to Out instead/);
});

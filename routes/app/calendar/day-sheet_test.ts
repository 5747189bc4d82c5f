import assert from "node:assert/strict";
import { getStaffByEmail } from "@/lib/kv/staff.ts";
import { createBooking, transitionBooking } from "@/lib/scheduling/bookings.ts";
import { provisionStudio } from "@/lib/tenancy/provision.ts";
import { insertClient, insertEngineer, insertGear, insertRoom } from "@/lib/testing/scheduling_fixtures.ts";
import { signedInCookie } from "@/lib/testing/staff_session.ts";
import { testApp } from "@/lib/testing/test_app.ts";

const ZONE = "Europe/Paris";
const system = { actor: { type: "system" as const } };

/**
 * A Paris studio on Monday 7 December 2026: tracking and vocals at 10:00 in two rooms, a late
 * session at 23:30, one just after midnight (still the 7th in UTC), and a cancelled one.
 */
async function deskDay() {
  const t = await testApp();
  const tenant = await provisionStudio(t.tenancy, {
    slug: "sheet",
    name: "Night Owl Studios",
    timezone: ZONE,
    currency: "EUR",
    locale: "en",
  });
  const owner = await signedInCookie(t.kv, tenant, { base: "/s/sheet" });
  const engineerCookie = await signedInCookie(t.kv, tenant, {
    base: "/s/sheet",
    role: "engineer",
    email: "sam@sheet.example",
  });
  const samStaff = await getStaffByEmail(t.kv, "sam@sheet.example");
  await t.tenancy.pool.use(tenant.database, async (db) => {
    const [a, b] = [await insertRoom(db, { name: "Studio A" }), await insertRoom(db, { name: "Studio B" })];
    const sam = await insertEngineer(db, { name: "Sam Rivera", staffId: samStaff!.id });
    const ada = await insertEngineer(db, { name: "Ada Lovelace" });
    const mic = await insertGear(db, { name: "U87", quantity: 3 });
    const band = await insertClient(db, { name: "The Midnight Band", phone: "+33 6 12 34 56 78" });
    const book = (roomId: string, title: string, start: string, end: string, extra = {}) =>
      createBooking(
        db,
        { roomId, title, blocks: [{ start: new Date(start), end: new Date(end) }], ...extra },
        system,
        { timeZone: ZONE, now: new Date("2026-11-01T00:00:00Z") },
      );
    // Booked out of order, so the sheet's order is its own.
    await book(a.id, "Late mix", "2026-12-07T22:30:00Z", "2026-12-07T23:00:00Z");
    await book(b.id, "Album tracking", "2026-12-07T09:00:00Z", "2026-12-07T17:00:00Z", {
      clientId: band.id,
      engineerIds: [sam.id],
      gear: [{ gearId: mic.id, quantity: 2 }],
      notes: "Bring the drum kit in through the back door",
    });
    await book(a.id, "Vocals", "2026-12-07T09:00:00Z", "2026-12-07T12:00:00Z", { engineerIds: [ada.id] });
    await book(b.id, "After midnight", "2026-12-07T23:30:00Z", "2026-12-08T01:00:00Z");
    const cancelled = await book(a.id, "Called off", "2026-12-07T13:00:00Z", "2026-12-07T14:00:00Z");
    await transitionBooking(db, cancelled.id, "cancel", system, {
      timeZone: ZONE,
      version: cancelled.version,
    });
  });
  const get = (path: string, cookie = owner) =>
    t.app.request(`http://localhost/s/sheet${path}`, { headers: { cookie } });
  return { t, tenant, get, owner, engineerCookie };
}

const titles = (html: string) =>
  [...html.matchAll(/data-session="[^"]+"[\s\S]*?<a [^>]*>([^<]+)<\/a>/g)].map((m) => m[1]);

Deno.test("the day sheet lists the studio's sessions of a local day by start, then room, with who and what", async () => {
  const { t, get } = await deskDay();
  await using _ = t;
  const res = await get("/app/calendar/day-sheet?date=2026-12-07");
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.deepEqual(titles(html), ["Vocals", "Album tracking", "Late mix"]);
  assert.match(html, /Monday, December 7, 2026/);
  assert.match(html, /10:00\s*AM\s*–\s*6:00\s*PM/, "times are the studio's wall time");
  assert.match(html, /The Midnight Band<span[^>]*>\+33 6 12 34 56 78<\/span>/);
  assert.match(html, /Bring the drum kit in through the back door/);
  assert.match(html, /Sam Rivera/);
  assert.match(html, /U87 × 2/);
  assert.match(html, /Confirmed/);
  assert.match(html, /Check-in \/ signature/);
  assert.doesNotMatch(html, /Called off/, "cancelled sessions are not on the sheet");
});

Deno.test("a session at 23:30 in Paris is on that Paris day; one at 00:30 is on the next, though UTC says otherwise", async () => {
  const { t, get } = await deskDay();
  await using _ = t;
  const monday = await (await get("/app/calendar/day-sheet?date=2026-12-07")).text();
  assert.match(monday, /11:30\s*PM\s*–\s*Tue 12:00\s*AM/);
  assert.doesNotMatch(monday, /After midnight/);
  const tuesday = await (await get("/app/calendar/day-sheet?date=2026-12-08")).text();
  assert.deepEqual(titles(tuesday), ["After midnight"]);
  assert.match(tuesday, /12:30\s*AM\s*–\s*2:00\s*AM/);
});

Deno.test("an engineer's day sheet shows only the sessions they work", async () => {
  const { t, get, engineerCookie } = await deskDay();
  await using _ = t;
  const html = await (await get("/app/calendar/day-sheet?date=2026-12-07", engineerCookie)).text();
  assert.deepEqual(titles(html), ["Album tracking"]);
  assert.match(html, /Only the sessions you are assigned to\./);
});

Deno.test("the day sheet prints without the app's chrome, in ink, never splitting a session", async () => {
  const { t, get } = await deskDay();
  await using _ = t;
  const res = await get("/app/calendar/day-sheet?date=2026-12-07");
  const nonce = /script-src[^;]*'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];
  const html = await res.text();
  const style = /<style nonce="([^"]+)">([^<]*@media print[^<]*)<\/style>/.exec(html);
  assert.ok(style, "a print stylesheet carrying the CSP nonce");
  assert.equal(style[1], nonce);
  assert.match(
    style[2],
    /aside,header:not\(main \*\),nav,\.day-sheet-controls,button\{display:none!important\}/,
  );
  assert.match(style[2], /background:none!important/);
  assert.match(style[2], /\.day-sheet tr\{break-inside:avoid/);
  assert.match(html, /<button[^>]*data-print[^>]*hidden|<button[^>]*hidden[^>]*data-print/);
  assert.match(html, /<script type="module" src="\/print\.js"/);
  assert.match(html, /Ctrl\+P/, "without script the page says how to print");
  const script = await t.app.request("http://localhost/print.js");
  assert.equal(script.status, 200);
  assert.match(await script.text(), /print\(\)/);
});

Deno.test("the calendar's day view links to its day sheet; a bad date shows today's sheet", async () => {
  const { t, get } = await deskDay();
  await using _ = t;
  const calendar = await (await get("/app/calendar?view=day&date=2026-12-07")).text();
  assert.match(calendar, /href="\/s\/sheet\/app\/calendar\/day-sheet\?date=2026-12-07"[^>]*>Day sheet</);
  const week = await (await get("/app/calendar?view=week&date=2026-12-07")).text();
  assert.doesNotMatch(week, /day-sheet/);
  const bad = await get("/app/calendar/day-sheet?date=2026-13-45");
  assert.equal(bad.status, 200);
  const today = new Intl.DateTimeFormat("en", { dateStyle: "full", timeZone: ZONE }).format(new Date());
  assert.match(await bad.text(), new RegExp(today));
});

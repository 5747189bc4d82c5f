// A client moves their session in the portal (issue 7): the outcome is read before confirming, the
// booking keeps its id, the client is mailed the new time; a time taken meanwhile is a 409 naming
// nobody; once the moves allowed are used, the page says what cancelling costs instead.
import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import { bookingBlocks, portalBookings } from "@/db/schema/mod.ts";
import { listOutbox } from "@/lib/kv/outbox.ts";
import { bookOnline } from "@/lib/portal/book.ts";
import { createBooking } from "@/lib/scheduling/bookings.ts";
import { provisionStudio } from "@/lib/tenancy/provision.ts";
import { insertOffer, insertOpenRoom } from "@/lib/testing/portal_fixtures.ts";
import { portalCookie } from "@/lib/testing/portal_session.ts";
import { insertClient } from "@/lib/testing/scheduling_fixtures.ts";
import { testApp } from "@/lib/testing/test_app.ts";

const settings = { timezone: "Europe/Paris", currency: "EUR", locale: "en" } as const;

function form(fields: Record<string, string>, cookie: string): RequestInit {
  return {
    method: "POST",
    headers: { origin: "http://localhost", "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams(fields),
  };
}

const unescape = (href: string) => href.replaceAll("&amp;", "&");

Deno.test("a client moves their session to a free time, once, and is told the outcome before and after", async () => {
  await using t = await testApp();
  const tenant = await provisionStudio(t.tenancy, { ...settings, slug: "blue", name: "Blue Room" });
  // Ten days ahead at 14:00 in Paris: well beyond the 72 h the default policy asks to move a deposit.
  const day = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  const start = new Date(`${day}T12:00:00Z`);
  const { nina, other, bookingId, roomId } = await t.tenancy.pool.use(tenant.database, async (db) => {
    const room = await insertOpenRoom(db);
    const offer = await insertOffer(db, { roomIds: [room.id] });
    const client = await insertClient(db, { name: "Nina", email: "nina@example.com" });
    const stranger = await insertClient(db, { name: "Other", email: "other@example.com" });
    const nina = await portalCookie(t.kv, db, tenant, client.id, "nina@example.com");
    const other = await portalCookie(t.kv, db, tenant, stranger.id, "other@example.com");
    const booked = await bookOnline(db, offer, {
      minutes: 240,
      start: start.toISOString(),
      name: "Nina",
      email: "nina@example.com",
      phone: "",
      acceptPolicy: true,
    }, {
      now: new Date(),
      timeZone: "Europe/Paris",
      minNoticeHours: 24,
      horizonDays: 60,
      holdMinutes: 30,
      // Her address is her client record's: the booking is hers.
      paymentsOn: false,
    });
    return { nina, other, bookingId: booked.bookingId, roomId: room.id };
  });
  const session = `/s/blue/portal/sessions/${bookingId}`;

  // The session page links to rescheduling; another client finds neither page.
  const page = await (await t.app.request(session, { headers: { cookie: nina } })).text();
  assert.match(page, new RegExp(`href="${session}/reschedule"`));
  const stranger = await t.app.request(`${session}/reschedule`, { headers: { cookie: other } });
  assert.equal(stranger.status, 404);
  await stranger.body?.cancel();
  const strangerPost = await t.app.request(
    `${session}/reschedule`,
    form({ start: new Date(start.getTime() + 86_400_000).toISOString() }, other),
  );
  assert.equal(strangerPost.status, 404);
  await strangerPost.body?.cancel();

  // The picker states the outcome first, then offers free times of the same length (never the current one).
  // The day after the session is free from opening to closing, whatever the time of day now.
  const nextDay = new Date(start.getTime() + 86_400_000).toISOString().slice(0, 10);
  const picker = await t.app.request(`${session}/reschedule?month=${nextDay.slice(0, 7)}&day=${nextDay}`, {
    headers: { cookie: nina },
  });
  assert.equal(picker.status, 200);
  const pickerHtml = await picker.text();
  assert.match(pickerHtml, /keeps its price and terms/);
  assert.match(pickerHtml, /After this move the session cannot be moved online again/);
  const times = [...pickerHtml.matchAll(/href="([^"]*\/reschedule\?start=[^"]*)"/g)].map((m) =>
    unescape(m[1])
  );
  assert.ok(times.length > 0, "free times are offered");
  assert.ok(times.every((href) => !href.includes(encodeURIComponent(start.toISOString()))));

  // A time someone takes between choosing and confirming: 409, nobody named, nothing moved.
  const startOf = (href: string) => new Date(new URL(href, "http://localhost").searchParams.get("start")!);
  const taken = startOf(times[0]);
  // Well clear of the rival's four hours.
  const secondChoice = times.find((href) => startOf(href).getTime() - taken.getTime() >= 6 * 3_600_000)!;
  assert.ok(secondChoice, "the day has another time clear of the rival");
  await t.tenancy.pool.use(tenant.database, async (db) => {
    const rival = await insertClient(db, { name: "Rival Band", email: "rival@example.com" });
    await createBooking(
      db,
      {
        clientId: rival.id,
        roomId,
        title: "Rival session",
        blocks: [{ start: taken, end: new Date(taken.getTime() + 4 * 3_600_000) }],
      },
      { actor: { type: "staff", id: "stf_1" } },
      { timeZone: "Europe/Paris" },
    );
  });
  const lost = await t.app.request(`${session}/reschedule`, form({ start: taken.toISOString() }, nina));
  assert.equal(lost.status, 409);
  const lostHtml = await lost.text();
  assert.match(lostHtml, /This time was just taken/);
  assert.doesNotMatch(lostHtml, /Rival/);
  const unchanged = await t.tenancy.pool.use(
    tenant.database,
    (db) => db.select().from(bookingBlocks).where(eq(bookingBlocks.bookingId, bookingId)),
  );
  assert.equal(unchanged[0].startsAt.toISOString(), start.toISOString());

  // Another time: the confirm step says from → to and the outcome; posting moves the same booking.
  const confirm = await t.app.request(secondChoice, { headers: { cookie: nina } });
  assert.equal(confirm.status, 200);
  const confirmHtml = await confirm.text();
  assert.match(confirmHtml, /Confirm the new time/);
  assert.match(confirmHtml, /keeps its price and terms/);
  const newStart = new URL(secondChoice, "http://localhost").searchParams.get("start")!;
  const moved = await t.app.request(`${session}/reschedule`, form({ start: newStart }, nina));
  assert.equal(moved.status, 303);
  assert.equal(moved.headers.get("location"), `${session}?rescheduled=1`);
  const done = await (await t.app.request(`${session}?rescheduled=1`, { headers: { cookie: nina } })).text();
  assert.match(done, /Your session is moved/);
  const after = await t.tenancy.pool.use(tenant.database, async (db) => ({
    blocks: await db.select().from(bookingBlocks).where(eq(bookingBlocks.bookingId, bookingId)),
    terms: (await db.select().from(portalBookings).where(eq(portalBookings.bookingId, bookingId)))[0],
  }));
  assert.equal(after.blocks[0].startsAt.toISOString(), newStart);
  assert.equal(after.terms.transfers, 1);
  const mail = await listOutbox(t.kv, { to: "nina@example.com" });
  assert.equal(mail.length, 1, "the client is mailed the new time");
  // She moved it herself: the mail confirms her move rather than announcing a change by the studio.
  assert.match(mail[0].subject, /^You moved your session/);
  assert.match(mail[0].text, /You moved your session/);
  assert.doesNotMatch(mail[0].text, /changed your session/);
  assert.match(mail[0].text, /Before:/);

  // The one move allowed is used: the page says what cancelling costs and links to it; a post is refused.
  const refused = await (await t.app.request(`${session}/reschedule`, { headers: { cookie: nina } })).text();
  assert.match(refused, /already been moved once/);
  // The new time is eleven days ahead: cancelling it is still free, and the page says so.
  assert.match(
    refused,
    /If you cancel now:<\/p><p[^>]*>Cancelling now, at least 72 h before the start, is free/,
  );
  assert.match(refused, /Cancel on the session&#x27;s page|Cancel on the session's page/);
  const again = await t.app.request(
    `${session}/reschedule`,
    form({ start: new Date(start.getTime() + 86_400_000).toISOString() }, nina),
  );
  assert.equal(again.status, 409);
  await again.body?.cancel();
});

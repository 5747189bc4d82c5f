// Staff pages for the portal through the real app: the queue of booking requests
// (/app/sessions/requests) and inviting a client to the portal from their page.
import assert from "node:assert/strict";
import { and, eq } from "drizzle-orm";
import { auditLog, bookings, portalAccounts, portalBookings } from "@/db/schema/mod.ts";
import { listOutbox } from "@/lib/kv/outbox.ts";
import { bookOnline } from "@/lib/portal/book.ts";
import { provisionStudio } from "@/lib/tenancy/provision.ts";
import type { TenantDb } from "@/lib/tenancy/tenant_db.ts";
import { linkIn } from "@/lib/testing/outbox.ts";
import { insertOffer, insertOpenRoom } from "@/lib/testing/portal_fixtures.ts";
import { insertClient } from "@/lib/testing/scheduling_fixtures.ts";
import { signedInCookie } from "@/lib/testing/staff_session.ts";
import { testApp } from "@/lib/testing/test_app.ts";

const settings = { timezone: "Europe/Paris", currency: "EUR", locale: "en" } as const;
const REQUESTS = "/s/blue/app/sessions/requests";

function post(fields: Record<string, string>, cookie: string, origin: string | null = "http://localhost") {
  return {
    method: "POST",
    headers: {
      ...(origin ? { origin } : {}),
      "content-type": "application/x-www-form-urlencoded",
      cookie,
    },
    body: new URLSearchParams(fields),
  };
}

async function studioWithRequest() {
  const t = await testApp();
  const tenant = await provisionStudio(t.tenancy, { ...settings, slug: "blue", name: "Blue Room" });
  const inDb = <T>(fn: (db: TenantDb) => Promise<T>) => t.tenancy.pool.use(tenant.database, fn);
  const now = new Date();
  const day = new Date(now.getTime() + 10 * 24 * 3_600_000);
  const start = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 12));
  const bookingId = await inDb(async (db) => {
    const room = await insertOpenRoom(db);
    const offer = await insertOffer(db, { roomIds: [room.id], name: "Mix session" });
    const booked = await bookOnline(db, offer, {
      minutes: 240,
      start: start.toISOString(),
      name: "Nina Simone",
      email: "nina@example.com",
      phone: "",
      acceptPolicy: true,
    }, {
      now,
      timeZone: "Europe/Paris",
      minNoticeHours: 24,
      horizonDays: 60,
      holdMinutes: 30,
      paymentsOn: false,
    });
    return booked.bookingId;
  });
  return { t, tenant, inDb, bookingId, [Symbol.asyncDispose]: () => t[Symbol.asyncDispose]() };
}

Deno.test("managers see the portal requests, with a count on the sessions page; engineers and bookkeepers get 403", async () => {
  await using s = await studioWithRequest();
  const owner = await signedInCookie(s.t.kv, s.tenant);
  const page = await s.t.app.request(REQUESTS, { headers: { cookie: owner } });
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /Mix session — Nina Simone/);
  assert.match(html, /€400\.00/);
  assert.match(html, /No deposit asked/);
  const sessions = await (await s.t.app.request("/s/blue/app/sessions", { headers: { cookie: owner } }))
    .text();
  assert.match(
    sessions,
    /href="\/s\/blue\/app\/sessions\/requests"[^>]*>Portal requests<span[^>]*>1<\/span>/,
  );

  for (const role of ["engineer", "bookkeeper"] as const) {
    const cookie = await signedInCookie(s.t.kv, s.tenant, { role, email: `${role}@blue.example` });
    const res = await s.t.app.request(REQUESTS, { headers: { cookie } });
    assert.equal(res.status, 403, `${role} may not read the queue`);
    await res.body?.cancel();
    const refused = await s.t.app.request(
      REQUESTS,
      post({ bookingId: s.bookingId, decision: "approve" }, cookie),
    );
    assert.equal(refused.status, 403, `${role} may not approve`);
    await refused.body?.cancel();
    const list = await (await s.t.app.request("/s/blue/app/sessions", { headers: { cookie } })).text();
    assert.doesNotMatch(list, /Portal requests/);
  }
  const [row] = await s.inDb((db) => db.select().from(bookings).where(eq(bookings.id, s.bookingId)));
  assert.equal(row.status, "hold", "nothing was approved");
});

Deno.test("approving from the queue needs the app's origin; then the session is confirmed and the client e-mailed", async () => {
  await using s = await studioWithRequest();
  const owner = await signedInCookie(s.t.kv, s.tenant);
  const forged = await s.t.app.request(
    REQUESTS,
    post({ bookingId: s.bookingId, decision: "approve" }, owner, null),
  );
  assert.equal(forged.status, 403);
  await forged.body?.cancel();
  const evil = await s.t.app.request(
    REQUESTS,
    post({ bookingId: s.bookingId, decision: "approve" }, owner, "https://evil.example"),
  );
  assert.equal(evil.status, 403);
  await evil.body?.cancel();
  assert.equal((await listOutbox(s.t.kv, { to: "nina@example.com" })).length, 0, "nothing was sent");

  const approved = await s.t.app.request(
    REQUESTS,
    post({ bookingId: s.bookingId, decision: "approve" }, owner),
  );
  assert.equal(approved.status, 303);
  assert.equal(approved.headers.get("location"), `${REQUESTS}?done=approved`);
  const after = await (await s.t.app.request(`${REQUESTS}?done=approved`, { headers: { cookie: owner } }))
    .text();
  assert.match(after, /The booking is confirmed and the client is told/);
  assert.match(after, /No booking requests wait for you/);
  const [terms] = await s.inDb((db) =>
    db.select().from(portalBookings).where(eq(portalBookings.bookingId, s.bookingId))
  );
  assert.equal(terms.state, "confirmed");
  const mails = await listOutbox(s.t.kv, { to: "nina@example.com" });
  const confirmed = mails.find((m) => /Session confirmed/.test(m.subject));
  assert.ok(confirmed, "the client is told");
  assert.match(
    linkIn(confirmed, /\/portal\/sessions\//),
    new RegExp(`/s/blue/portal/sessions/${s.bookingId}$`),
  );

  // Deciding twice answers the page again with the problem, not an error page.
  const again = await s.t.app.request(REQUESTS, post({ bookingId: s.bookingId, decision: "approve" }, owner));
  assert.equal(again.status, 409);
  assert.match(await again.text(), /already decided/);
});

Deno.test("declining without a reason shows the problem beside the field; with one it cancels the session", async () => {
  await using s = await studioWithRequest();
  const owner = await signedInCookie(s.t.kv, s.tenant);
  const blank = await s.t.app.request(
    REQUESTS,
    post({ bookingId: s.bookingId, decision: "decline", reason: " " }, owner),
  );
  assert.equal(blank.status, 422);
  const html = await blank.text();
  assert.match(html, /Tell the client why the studio declines the booking/);
  assert.match(
    html,
    new RegExp(
      `id="reason-${s.bookingId}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="reason-${s.bookingId}"`,
    ),
  );

  const declined = await s.t.app.request(
    REQUESTS,
    post({ bookingId: s.bookingId, decision: "decline", reason: "We are closed that week." }, owner),
  );
  assert.equal(declined.status, 303);
  const [row] = await s.inDb((db) => db.select().from(bookings).where(eq(bookings.id, s.bookingId)));
  assert.equal(row.status, "cancelled");
  const mail = (await listOutbox(s.t.kv, { to: "nina@example.com" })).find((m) =>
    /cancelled/.test(m.subject)
  );
  assert.match(mail?.text ?? "", /We are closed that week\./);
});

Deno.test("staff invite a client to the portal: the link binds the account to that record, audited, rate-limited", async () => {
  await using s = await studioWithRequest();
  const owner = await signedInCookie(s.t.kv, s.tenant);
  const { otis, shared } = await s.inDb(async (db) => {
    // An older record with the same address: a sign-in by e-mail would pick it; the invitation does not.
    const shared = await insertClient(db, {
      name: "Otis (old record)",
      email: "otis@example.com",
      createdAt: new Date("2020-01-01T00:00:00Z"),
    });
    return { shared, otis: await insertClient(db, { name: "Otis Redding", email: "Otis@Example.com" }) };
  });
  const hub = await (await s.t.app.request(`/s/blue/app/clients/${otis.id}`, { headers: { cookie: owner } }))
    .text();
  assert.match(hub, new RegExp(`href="/s/blue/app/clients/${otis.id}/portal-invite"`));
  const invitePath = `/s/blue/app/clients/${otis.id}/portal-invite`;
  const confirm = await s.t.app.request(invitePath, { headers: { cookie: owner } });
  assert.equal(confirm.status, 200);
  assert.match(await confirm.text(), /Otis@Example\.com receives a sign-in link/);

  const engineer = await signedInCookie(s.t.kv, s.tenant, { role: "engineer", email: "eng@blue.example" });
  const refused = await s.t.app.request(invitePath, post({}, engineer));
  assert.equal(refused.status, 403);
  await refused.body?.cancel();
  const noOrigin = await s.t.app.request(invitePath, post({}, owner, null));
  assert.equal(noOrigin.status, 403);
  await noOrigin.body?.cancel();

  const sent = await s.t.app.request(invitePath, post({}, owner));
  assert.equal(sent.status, 303);
  assert.equal(sent.headers.get("location"), `/s/blue/app/clients/${otis.id}?saved=invited`);
  const [mail] = await listOutbox(s.t.kv, { to: "otis@example.com" });
  assert.match(mail.subject, /Blue Room invites you to its client portal/);
  const link = new URL(linkIn(mail, /\/portal\/auth\?token=/));
  const signedIn = await s.t.app.request(
    "/s/blue/portal/auth",
    post({ token: link.searchParams.get("token")!, next: link.searchParams.get("next")! }, ""),
  );
  assert.equal(signedIn.status, 303);
  await signedIn.body?.cancel();
  const [account] = await s.inDb((db) =>
    db.select().from(portalAccounts).where(eq(portalAccounts.email, "otis@example.com"))
  );
  assert.equal(account.clientId, otis.id, "bound to the invited record, not the older one");
  assert.notEqual(account.clientId, shared.id);
  const audits = await s.inDb((db) =>
    db.select().from(auditLog).where(
      and(eq(auditLog.action, "portal.invited"), eq(auditLog.entityId, otis.id)),
    )
  );
  assert.equal(audits.length, 1);

  // The older record shares the address now bound to Otis's account: inviting it is refused.
  const taken = await s.t.app.request(`/s/blue/app/clients/${shared.id}/portal-invite`, post({}, owner));
  assert.equal(taken.status, 409);
  assert.match(await taken.text(), /already signs in to the portal for another client record/);

  // Three invitations a day per client.
  for (const expected of [303, 303, 429]) {
    const res = await s.t.app.request(invitePath, post({}, owner));
    assert.equal(res.status, expected);
    await res.body?.cancel();
  }
  assert.equal((await listOutbox(s.t.kv, { to: "otis@example.com" })).length, 3);
});

import assert from "node:assert/strict";
import { createDraft } from "@/lib/billing/documents.ts";
import { listOutbox } from "@/lib/kv/outbox.ts";
import { createBooking } from "@/lib/scheduling/bookings.ts";
import { provisionStudio } from "@/lib/tenancy/provision.ts";
import type { TenantDb } from "@/lib/tenancy/tenant_db.ts";
import { insertClient, insertRoom } from "@/lib/testing/scheduling_fixtures.ts";
import { signedInCookie } from "@/lib/testing/staff_session.ts";
import { testApp } from "@/lib/testing/test_app.ts";

async function studio() {
  const t = await testApp();
  const tenant = await provisionStudio(t.tenancy, {
    slug: "desk",
    name: "Desk Studio",
    timezone: "America/New_York",
    currency: "USD",
    locale: "en",
  });
  const inDb = <T>(fn: (db: TenantDb) => Promise<T>) => t.tenancy.pool.use(tenant.database, fn);
  const owner = await signedInCookie(t.kv, tenant, { base: "/s/desk" });
  const post = (path: string, fields: Record<string, string>) =>
    t.app.request(`http://localhost/s/desk${path}`, {
      method: "POST",
      body: new URLSearchParams(fields),
      headers: {
        cookie: owner,
        origin: "http://localhost",
        "content-type": "application/x-www-form-urlencoded",
      },
    });
  const get = (path: string) =>
    t.app.request(`http://localhost/s/desk${path}`, { headers: { cookie: owner } });
  const { room, client, silent } = await inDb(async (db) => ({
    room: await insertRoom(db, { name: "Studio A" }),
    client: await insertClient(db, { name: "Ana", email: "ana@example.com" }),
    silent: await insertClient(db, { name: "No Mail" }),
  }));
  const session = (fields: Record<string, string> = {}) => ({
    title: "Album tracking",
    clientId: client.id,
    roomId: room.id,
    day0: "2026-12-07",
    start0: "10:00",
    end0: "18:00",
    ...fields,
  });
  const mails = () => listOutbox(t.kv, { to: "ana@example.com" });
  return { t, inDb, post, get, room, client, silent, session, mails };
}

const checkboxes = (html: string) => html.match(/<input type="checkbox" name="notifyClient"[^>]*>/g) ?? [];
const checkbox = (html: string) => checkboxes(html)[0] ?? "";

Deno.test("booking a session with 'E-mail the client' ticked mails the client once; unticked mails no one", async () => {
  const { t, post, session, mails } = await studio();
  await using _ = t;
  const ticked = await post("/app/sessions/new", session({ notifyClient: "on" }));
  assert.equal(ticked.status, 303);
  const sent = await mails();
  assert.equal(sent.length, 1);
  assert.equal(sent[0].subject, "Session confirmed: Album tracking at Desk Studio");
  assert.match(sent[0].text, /Mon, Dec 7, 2026, 10:00\sAM\s–\s6:00\sPM \(America\/New_York\)/);

  const unticked = await post("/app/sessions/new", session({ day0: "2026-12-08" }));
  assert.equal(unticked.status, 303);
  assert.equal((await mails()).length, 1, "no second message");
  assert.equal((await listOutbox(t.kv)).length, 1);
});

Deno.test("the box starts ticked for a client with an address and unticked for one without", async () => {
  const { t, get, client, silent } = await studio();
  await using _ = t;
  const withAddress = checkboxes(await (await get(`/app/sessions/new?client=${client.id}`)).text());
  assert.equal(withAddress.length, 1);
  assert.match(withAddress[0], /checked/);
  const without = checkboxes(await (await get(`/app/sessions/new?client=${silent.id}`)).text());
  assert.equal(without.length, 1);
  assert.doesNotMatch(without[0], /checked/);
});

Deno.test("moving a session tells the client the time before and now; cancelling it tells them too", async () => {
  const { t, inDb, post, get, room, client, session, mails } = await studio();
  await using _ = t;
  const booking = await inDb((db) =>
    createBooking(
      db,
      {
        clientId: client.id,
        roomId: room.id,
        title: "Album tracking",
        blocks: [{ start: new Date("2026-12-07T15:00:00Z"), end: new Date("2026-12-07T23:00:00Z") }],
      },
      { actor: { type: "system" } },
      { timeZone: "America/New_York" },
    )
  );
  assert.match(checkbox(await (await get(`/app/sessions/${booking.id}/edit`)).text()), /checked/);
  const moved = await post(
    `/app/sessions/${booking.id}/edit`,
    session({ version: String(booking.version), start0: "12:00", end0: "16:00", notifyClient: "on" }),
  );
  assert.equal(moved.status, 303);
  const [changed] = await mails();
  assert.equal(changed.subject, "Your session has changed: Album tracking at Desk Studio");
  assert.match(changed.text, /Before:\n- Mon, Dec 7, 2026, 10:00\sAM\s–\s6:00\sPM \(America\/New_York\)/);
  assert.match(changed.text, /Now:\n- Mon, Dec 7, 2026, 12:00\s–\s4:00\sPM \(America\/New_York\)/);

  const page = await (await get(`/app/sessions/${booking.id}`)).text();
  assert.equal(checkboxes(page).length, 1, "on the cancel form only (the session is confirmed)");
  const cancelled = await post(`/app/sessions/${booking.id}`, {
    action: "cancel",
    version: String(booking.version + 1),
    notifyClient: "on",
  });
  assert.equal(cancelled.status, 303);
  const latest = await mails();
  assert.equal(latest.length, 2);
  assert.equal(latest[0].subject, "Session cancelled: Album tracking at Desk Studio");
});

Deno.test("issuing an invoice with 'Send it to the client' ticked mails its number and the portal link", async () => {
  const { t, inDb, post, get, client, silent, mails } = await studio();
  await using _ = t;
  const draftFor = (clientId: string) =>
    inDb((db) =>
      createDraft(db, "invoice", {
        clientId,
        lines: [{ description: "Mix", quantity: "1", unitPrice: 80000 }],
      }, { actor: { type: "system" } })
    );
  const draft = await draftFor(client.id);
  assert.match(checkbox(await (await get(`/app/invoices/${draft.id}`)).text()), /checked/);
  const issued = await post(`/app/invoices/${draft.id}`, {
    intent: "issue",
    version: String(draft.version),
    notifyClient: "on",
  });
  assert.equal(issued.status, 303);
  const [mail] = await mails();
  assert.match(mail.subject, /^Invoice INV-\d{4}-0001 from Desk Studio$/);
  assert.match(mail.text, /for \$800\.00\./);
  assert.match(
    mail.text,
    new RegExp(`View the invoice:\nhttp://localhost/s/desk/portal/invoices/${draft.id}\n`),
  );

  const other = await draftFor(silent.id);
  assert.doesNotMatch(checkbox(await (await get(`/app/invoices/${other.id}`)).text()), /checked/);
  await post(`/app/invoices/${other.id}`, { intent: "issue", version: String(other.version) });
  assert.equal((await listOutbox(t.kv)).length, 1);
});

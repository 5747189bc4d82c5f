import assert from "node:assert/strict";
import type { ActingAs } from "../audit/audit.ts";
import { dispatchJob } from "../jobs/jobs.ts";
import type { Mailer, MailMessage } from "../mail/mailer.ts";
import { createBooking, transitionBooking, updateBooking } from "../scheduling/bookings.ts";
import { DEFAULT_PORTAL_SETTINGS, updatePortalSettings } from "../portal/portal_settings.ts";
import { provisionStudio } from "../tenancy/provision.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { capturingMailer } from "../testing/capturing_mailer.ts";
import { insertClient, insertRoom } from "../testing/scheduling_fixtures.ts";
import { testTenancy } from "../testing/test_tenancy.ts";
import {
  bookingRemindersJob,
  enqueueReminderSweeps,
  handleReminderMessage,
  type ReminderMessage,
  sendDueReminders,
} from "./booking_reminders.ts";

const acting: ActingAs = { actor: { type: "system" } };
const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);

/** A Paris studio with one client who has an e-mail address; `mailer` records what is sent. */
async function studio(mailer?: Mailer) {
  const tenancy = await testTenancy();
  const tenant = await provisionStudio(tenancy, {
    slug: "north",
    name: "North Sound",
    timezone: "Europe/Paris",
    currency: "EUR",
    locale: "en",
  });
  const captured = capturingMailer();
  const deps = { kv: tenancy.kv, tenancy, mailer: mailer ?? captured.mailer };
  const inDb = <T>(fn: (db: TenantDb) => Promise<T>) => tenancy.pool.use(tenant.database, fn);
  const { client, room } = await inDb(async (db) => ({
    client: await insertClient(db, { name: "Ana", email: "ana@example.com" }),
    room: await insertRoom(db, { name: "Studio A" }),
  }));
  const book = (start: string, hours: number, fields: Record<string, unknown> = {}) =>
    inDb((db) =>
      createBooking(
        db,
        {
          clientId: client.id,
          roomId: room.id,
          title: "Album tracking",
          blocks: [{ start: at(start), end: new Date(Date.parse(start) + hours * HOUR) }],
          ...fields,
        },
        acting,
        { timeZone: "Europe/Paris", now: at("2026-03-01T08:00:00Z") },
      )
    );
  const sweep = (iso: string): ReminderMessage => ({
    type: "booking.reminders",
    tenantId: tenant.id,
    at: iso,
  });
  return { tenancy, tenant, deps, inDb, book, sent: captured.sent, sweep, client, room };
}

Deno.test("a confirmed session starting 24 to 25 hours later is reminded once, however often the sweep runs", async () => {
  const { tenancy, deps, book, sent, sweep } = await studio();
  await using _ = tenancy;
  // Saturday 28 March 2026, 14:00 in Paris.
  const booking = await book("2026-03-28T13:00:00Z", 4);
  assert.equal(await handleReminderMessage(deps, sweep("2026-03-27T12:00:00Z")), 0, "25 h before: not yet");
  assert.equal(await handleReminderMessage(deps, sweep("2026-03-27T13:00:00Z")), 1, "24 h before: due");
  assert.equal(await handleReminderMessage(deps, sweep("2026-03-27T13:00:00Z")), 0, "a redelivered message");
  assert.equal(sent.length, 1);
  const [mail] = sent;
  assert.equal(mail.to, "ana@example.com");
  assert.equal(mail.subject, "Reminder: Album tracking at North Sound");
  assert.match(mail.text, /- Sat, Mar 28, 2026, 2:00\s–\s6:00\sPM \(Europe\/Paris\)/);
  assert.ok(booking.id);
});

Deno.test("the studio's lead time decides when the reminder goes: 3 hours before, not the day before", async () => {
  const { tenancy, deps, inDb, book, sent, sweep } = await studio();
  await using _ = tenancy;
  const { id: _id, updatedAt: _u, stripeAccountId: _a, stripeChargesEnabled: _c, ...settings } =
    DEFAULT_PORTAL_SETTINGS;
  await inDb((db) => updatePortalSettings(db, { ...settings, reminderLeadHours: 3 }, acting));
  await book("2026-03-28T13:00:00Z", 4);
  assert.equal(
    await handleReminderMessage(deps, sweep("2026-03-27T13:00:00Z")),
    0,
    "24 h before: not with a 3 h lead",
  );
  assert.equal(await handleReminderMessage(deps, sweep("2026-03-28T09:00:00Z")), 0, "4 h before: not yet");
  assert.equal(await handleReminderMessage(deps, sweep("2026-03-28T10:00:00Z")), 1, "3 h before: due");
  assert.equal(sent.length, 1);
});

Deno.test("two processes sweeping the same hour at once send one reminder", async () => {
  const { tenancy, tenant, deps, inDb, book, sent } = await studio();
  await using _ = tenancy;
  await book("2026-03-28T13:00:00Z", 4);
  const now = at("2026-03-27T12:30:00Z");
  const counts = await Promise.all([
    inDb((db) => sendDueReminders(deps.kv, deps.mailer, tenant.id, db, now)),
    inDb((db) => sendDueReminders(deps.kv, deps.mailer, tenant.id, db, now)),
    inDb((db) => sendDueReminders(deps.kv, deps.mailer, tenant.id, db, now)),
  ]);
  assert.equal(counts.reduce((a, b) => a + b), 1);
  assert.equal(sent.length, 1);
});

Deno.test("a session moved to a new time is reminded again for it; a cancelled one is not reminded", async () => {
  const { tenancy, deps, inDb, book, sent, sweep } = await studio();
  await using _ = tenancy;
  const moved = await book("2026-03-28T13:00:00Z", 4);
  const cancelled = await book("2026-03-28T08:00:00Z", 2, { title: "Cancelled take" });
  await inDb((db) => transitionBooking(db, cancelled.id, "cancel", acting, { timeZone: "Europe/Paris" }));
  assert.equal(await handleReminderMessage(deps, sweep("2026-03-27T13:00:00Z")), 1);
  // Moved two hours later (16:00 in Paris): the sweep two hours on finds it again, at its new time.
  await inDb((db) =>
    updateBooking(
      db,
      moved.id,
      {
        version: moved.version,
        blocks: [{ start: at("2026-03-28T15:00:00Z"), end: at("2026-03-28T19:00:00Z") }],
      },
      acting,
      { timeZone: "Europe/Paris", now: at("2026-03-27T14:00:00Z") },
    )
  );
  assert.equal(await handleReminderMessage(deps, sweep("2026-03-27T15:00:00Z")), 1);
  assert.equal(await handleReminderMessage(deps, sweep("2026-03-27T15:00:00Z")), 0);
  assert.deepEqual(sent.map((m) => m.subject), [
    "Reminder: Album tracking at North Sound",
    "Reminder: Album tracking at North Sound",
  ]);
  assert.match(sent[1].text, /- Sat, Mar 28, 2026, 4:00\s–\s8:00\sPM \(Europe\/Paris\)/);
  assert.ok(sent.every((m) => !m.text.includes("Cancelled take")));
});

Deno.test("holds, clients without an address and sessions further away are not reminded", async () => {
  const { tenancy, deps, inDb, book, sent, sweep, room } = await studio();
  await using _ = tenancy;
  await book("2026-03-28T13:00:00Z", 1, { status: "hold", holdMinutes: 60 * 24 * 14 });
  const silent = await inDb((db) => insertClient(db, { name: "No Mail" }));
  await book("2026-03-28T13:30:00Z", 1, {
    clientId: silent.id,
    roomId: (await inDb((db) => insertRoom(db))).id,
  });
  await book("2026-03-29T13:00:00Z", 1, { roomId: room.id });
  assert.equal(await handleReminderMessage(deps, sweep("2026-03-27T13:00:00Z")), 0);
  assert.equal(sent.length, 0);
});

Deno.test("a multi-day session is reminded of each day the day before, with that day's times only", async () => {
  const { tenancy, deps, book, sent, sweep } = await studio();
  await using _ = tenancy;
  await book("2026-03-28T13:00:00Z", 4, {
    blocks: [
      { start: at("2026-03-28T13:00:00Z"), end: at("2026-03-28T17:00:00Z") },
      // After the change to summer time: 14:00 in Paris is 12:00 UTC.
      { start: at("2026-03-30T12:00:00Z"), end: at("2026-03-30T16:00:00Z") },
    ],
  });
  await handleReminderMessage(deps, sweep("2026-03-27T13:00:00Z"));
  await handleReminderMessage(deps, sweep("2026-03-29T12:00:00Z"));
  assert.equal(sent.length, 2);
  assert.match(sent[0].text, /Sat, Mar 28/);
  assert.doesNotMatch(sent[0].text, /Mon, Mar 30/);
  assert.match(sent[1].text, /- Mon, Mar 30, 2026, 2:00\s–\s6:00\sPM \(Europe\/Paris\)/);
  assert.doesNotMatch(sent[1].text, /Sat, Mar 28/);
});

Deno.test("a reminder the relay refuses is released, the message fails, and its retry sends it", async () => {
  const sent: MailMessage[] = [];
  let refuse = true;
  const flaky: Mailer = {
    kind: "smtp",
    send: (m) => refuse ? Promise.reject(new Error("relay down")) : Promise.resolve(void sent.push(m)),
  };
  const { tenancy, deps, book, sweep } = await studio(flaky);
  await using _ = tenancy;
  await book("2026-03-28T13:00:00Z", 4);
  await assert.rejects(handleReminderMessage(deps, sweep("2026-03-27T13:00:00Z")), /relay down/);
  refuse = false;
  assert.equal(await handleReminderMessage(deps, sweep("2026-03-27T13:00:00Z")), 1);
  assert.equal(sent.length, 1);
});

Deno.test("the hourly cron queues one sweep per active studio, on the hour; the job takes only well-formed messages", async () => {
  const { tenancy, tenant, deps, book, sent } = await studio();
  await using _ = tenancy;
  await book("2026-03-28T13:00:00Z", 4);
  const queued: unknown[] = [];
  const listening = tenancy.kv.listenQueue((m) => void queued.push(m));
  assert.equal(await enqueueReminderSweeps(tenancy.kv, at("2026-03-27T13:00:02.500Z")), 1);
  while (queued.length < 1) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.deepEqual(queued, [{
    type: "booking.reminders",
    tenantId: tenant.id,
    at: "2026-03-27T13:00:00.000Z",
  }]);
  const jobs = [bookingRemindersJob(deps)];
  assert.equal(await dispatchJob(jobs, queued[0]), true);
  assert.equal(sent.length, 1);
  assert.equal(await dispatchJob(jobs, { type: "booking.reminders", tenantId: tenant.id }), false);
  // Disposing the tenancy closes the KV, which ends the listener.
  listening.catch(() => {});
});

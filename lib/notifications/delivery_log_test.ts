import assert from "node:assert/strict";
import type { Mailer } from "../mail/mailer.ts";
import { createBooking } from "../scheduling/bookings.ts";
import { capturingMailer } from "../testing/capturing_mailer.ts";
import { insertClient, insertRoom, withStudioDb } from "../testing/scheduling_fixtures.ts";
import { notifyBooking } from "./booking_notices.ts";
import { sendDueReminders } from "./booking_reminders.ts";
import { deliveryLog } from "./delivery_log.ts";

const SYSTEM = { actor: { type: "system" as const } };
const NOW = new Date("2026-03-01T08:00:00Z");

Deno.test("a booking's delivery log lists each e-mail sent to its client and each the relay refused, newest first", async () => {
  await withStudioDb(async (db) => {
    const client = await insertClient(db, { name: "Ana", email: "ana@example.com" });
    const room = await insertRoom(db, { name: "Studio A" });
    // Confirmed, starting 24 h 30 min after NOW: the 08:00 sweep reminds it.
    const booking = await createBooking(
      db,
      {
        clientId: client.id,
        roomId: room.id,
        title: "Album tracking",
        blocks: [{ start: new Date("2026-03-02T08:30:00Z"), end: new Date("2026-03-02T12:30:00Z") }],
      },
      SYSTEM,
      { timeZone: "Europe/Paris", now: NOW },
    );
    assert.deepEqual(await deliveryLog(db, booking.id), []);

    const { mailer } = capturingMailer();
    await notifyBooking(mailer, db, booking.id, "confirmed");
    const refusing: Mailer = {
      kind: "smtp",
      send: () => Promise.reject(new Error("550 mailbox unavailable")),
    };
    await assert.rejects(notifyBooking(refusing, db, booking.id, "changed"), /550/);
    const kv = await Deno.openKv(":memory:");
    try {
      assert.equal(await sendDueReminders(kv, mailer, "ten_1", db, NOW), 1);
    } finally {
      kv.close();
    }

    const log = await deliveryLog(db, booking.id);
    assert.deepEqual(log.map(({ kind, to, sent, error }) => ({ kind, to, sent, error })), [
      { kind: "reminder", to: "ana@example.com", sent: true, error: null },
      { kind: "changed", to: "ana@example.com", sent: false, error: "550 mailbox unavailable" },
      { kind: "confirmed", to: "ana@example.com", sent: true, error: null },
    ]);
  });
});

Deno.test("no delivery is logged when the client has no e-mail address: nothing was sent", async () => {
  await withStudioDb(async (db) => {
    const client = await insertClient(db, { name: "No mail" });
    const room = await insertRoom(db, { name: "Studio A" });
    const booking = await createBooking(
      db,
      {
        clientId: client.id,
        roomId: room.id,
        title: "Mix",
        blocks: [{ start: new Date("2026-03-02T08:30:00Z"), end: new Date("2026-03-02T12:30:00Z") }],
      },
      SYSTEM,
      { timeZone: "Europe/Paris", now: NOW },
    );
    assert.equal(await notifyBooking(capturingMailer().mailer, db, booking.id, "confirmed"), false);
    assert.deepEqual(await deliveryLog(db, booking.id), []);
  });
});

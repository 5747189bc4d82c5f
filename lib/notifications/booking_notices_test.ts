import assert from "node:assert/strict";
import type { ActingAs } from "../audit/audit.ts";
import { createBooking, transitionBooking, updateBooking } from "../scheduling/bookings.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { capturingMailer } from "../testing/capturing_mailer.ts";
import { insertClient, insertRoom, withStudioDb } from "../testing/scheduling_fixtures.ts";
import { notifyBooking } from "./booking_notices.ts";

const acting: ActingAs = { actor: { type: "staff", id: "stf_1", label: "owner@example.com" } };
// The test studio is "Test Studio" in Europe/Paris, in English.
const options = { timeZone: "Europe/Paris", now: new Date("2026-03-01T08:00:00Z") };
const block = (start: string, end: string) => ({ start: new Date(start), end: new Date(end) });

async function book(db: TenantDb, client: { id: string } | null, fields: Record<string, unknown> = {}) {
  const room = await insertRoom(db, { name: "Studio A" });
  return await createBooking(
    db,
    {
      clientId: client?.id ?? null,
      roomId: room.id,
      title: "Album tracking",
      // Paris leaves winter time on Sunday 29 March 2026: 14:00 is 13:00 UTC before, 12:00 UTC after.
      blocks: [
        block("2026-03-28T13:00:00Z", "2026-03-28T17:00:00Z"),
        block("2026-03-30T12:00:00Z", "2026-03-30T16:00:00Z"),
      ],
      ...fields,
    },
    acting,
    options,
  );
}

Deno.test("a confirmation goes to the client's address, in their language, at studio-clock times across the DST change", async () => {
  await withStudioDb(async (db) => {
    const client = await insertClient(db, { name: "Ana", email: "ana@example.com", locale: "fr" });
    const booking = await book(db, client);
    const { mailer, sent } = capturingMailer();
    assert.equal(await notifyBooking(mailer, db, booking.id, "confirmed"), true);
    assert.equal(sent.length, 1);
    const [mail] = sent;
    assert.equal(mail.to, "ana@example.com");
    assert.equal(mail.subject, "Séance confirmée\u00a0: Album tracking chez Test Studio");
    assert.match(mail.text, /^Bonjour Ana,/);
    assert.match(mail.text, /Votre séance «\u00a0Album tracking\u00a0» chez Test Studio est confirmée\./);
    assert.match(mail.text, /- sam\. 28 mars 2026, 14:00\s–\s18:00 \(Europe\/Paris\)/);
    assert.match(mail.text, /- lun\. 30 mars 2026, 14:00\s–\s18:00 \(Europe\/Paris\)/);
    assert.match(mail.text, /Salle\u00a0: Studio A/);
    assert.match(mail.text, /— Test Studio\n$/);
    assert.match(mail.html!, /<html lang="fr">/);
    assert.match(mail.html!, /<li\s*>lun\. 30 mars 2026, 14:00\s–\s18:00 \(Europe\/Paris\)<\/li>/);
  });
});

Deno.test("a client without a language of their own is written to in the studio's; a regional tag is matched", async () => {
  await withStudioDb(async (db) => {
    const plain = await insertClient(db, { name: "Bo", email: "bo@example.com" });
    const quebec = await insertClient(db, { name: "Cé", email: "ce@example.com", locale: "fr-CA" });
    const { mailer, sent } = capturingMailer();
    await notifyBooking(mailer, db, (await book(db, plain)).id, "confirmed");
    const room = await insertRoom(db, { name: "Studio B" });
    const other = await createBooking(
      db,
      {
        clientId: quebec.id,
        roomId: room.id,
        title: "Mix",
        blocks: [block("2026-03-10T09:00:00Z", "2026-03-10T11:00:00Z")],
      },
      acting,
      options,
    );
    await notifyBooking(mailer, db, other.id, "confirmed");
    assert.equal(sent[0].subject, "Session confirmed: Album tracking at Test Studio");
    assert.match(sent[0].text, /Sat, Mar 28, 2026, 2:00\s–\s6:00\sPM \(Europe\/Paris\)/);
    assert.match(sent[0].text, /Mon, Mar 30, 2026, 2:00\s–\s6:00\sPM \(Europe\/Paris\)/);
    assert.equal(sent[1].subject, "Séance confirmée\u00a0: Mix chez Test Studio");
  });
});

Deno.test("no client, or a client without an e-mail address: nothing is sent", async () => {
  await withStudioDb(async (db) => {
    const { mailer, sent } = capturingMailer();
    const silent = await insertClient(db, { name: "No Mail" });
    assert.equal(await notifyBooking(mailer, db, (await book(db, silent)).id, "confirmed"), false);
    const room = await insertRoom(db);
    const internal = await createBooking(
      db,
      {
        roomId: room.id,
        title: "Maintenance",
        blocks: [block("2026-03-10T09:00:00Z", "2026-03-10T11:00:00Z")],
      },
      acting,
      options,
    );
    assert.equal(await notifyBooking(mailer, db, internal.id, "cancelled"), false);
    assert.equal(sent.length, 0);
  });
});

Deno.test("a hold is 'received', with the time it is held until", async () => {
  await withStudioDb(async (db) => {
    const client = await insertClient(db, { name: "Ana", email: "ana@example.com" });
    const hold = await book(db, client, { status: "hold", holdMinutes: 60 });
    const { mailer, sent } = capturingMailer();
    await notifyBooking(mailer, db, hold.id, "received", { link: "https://studio.example/portal/b/1" });
    const [mail] = sent;
    assert.equal(mail.subject, "Test Studio received your booking request: Album tracking");
    assert.match(mail.text, /It is not confirmed yet/);
    // Held for an hour from 08:00 UTC on 1 March: 10:00 in Paris (winter time).
    assert.match(mail.text, /The time is held for you until Sun, Mar 1, 2026, 10:00\sAM \(Europe\/Paris\)\./);
    assert.match(mail.text, /See your booking:\nhttps:\/\/studio\.example\/portal\/b\/1/);
    assert.match(mail.html!, /href="https:\/\/studio\.example\/portal\/b\/1"/);
  });
});

Deno.test("a change shows the time and room before and now", async () => {
  await withStudioDb(async (db) => {
    const client = await insertClient(db, { name: "Ana", email: "ana@example.com" });
    const before = await book(db, client);
    const roomB = await insertRoom(db, { name: "Studio B" });
    await updateBooking(
      db,
      before.id,
      {
        version: before.version,
        roomId: roomB.id,
        blocks: [block("2026-04-02T08:00:00Z", "2026-04-02T10:00:00Z")],
      },
      acting,
      options,
    );
    const { mailer, sent } = capturingMailer();
    await notifyBooking(mailer, db, before.id, "changed", { previous: before });
    const text = sent[0].text;
    assert.equal(sent[0].subject, "Your session has changed: Album tracking at Test Studio");
    assert.match(
      text,
      /Before:\n- Sat, Mar 28, 2026, 2:00\s–\s6:00\sPM \(Europe\/Paris\)\n- Mon, Mar 30, 2026, 2:00\s–\s6:00\sPM \(Europe\/Paris\)\n\nRoom: Studio A/,
    );
    // 08:00 UTC on 2 April is 10:00 in Paris, now on summer time.
    assert.match(
      text,
      /Now:\n- Thu, Apr 2, 2026, 10:00\sAM\s–\s12:00\sPM \(Europe\/Paris\)\n\nRoom: Studio B/,
    );
  });
});

Deno.test("a cancellation carries the caller's outcome sentence; names are escaped in the HTML", async () => {
  await withStudioDb(async (db) => {
    const client = await insertClient(db, { name: "<Ana & Co>", email: "ana@example.com" });
    const booking = await book(db, client, { title: "Vocals <live>" });
    await transitionBooking(db, booking.id, "cancel", acting, options);
    const { mailer, sent } = capturingMailer();
    await notifyBooking(mailer, db, booking.id, "cancelled", {
      outcome: "Your deposit of €50.00 will be refunded within 5 days.",
    });
    const [mail] = sent;
    assert.equal(mail.subject, "Session cancelled: Vocals <live> at Test Studio");
    assert.match(mail.text, /Your deposit of €50\.00 will be refunded within 5 days\./);
    assert.doesNotMatch(mail.html!, /<live>|<Ana/);
    assert.match(mail.html!, /Vocals &lt;live>|Vocals &lt;live&gt;/);
  });
});

Deno.test("an unknown booking is refused rather than silently skipped", async () => {
  await withStudioDb(async (db) => {
    const { mailer } = capturingMailer();
    await assert.rejects(notifyBooking(mailer, db, "bkg_missing", "confirmed"), /No such session/);
  });
});

import assert from "node:assert/strict";
import { engineerTimeOff } from "../../db/schema/mod.ts";
import type { ActingAs } from "../audit/audit.ts";
import { ValidationError } from "../errors.ts";
import { newId } from "../kv/ids.ts";
import { insertEngineer, insertRoom, withStudioDb } from "../testing/scheduling_fixtures.ts";
import { createBooking } from "./bookings.ts";
import { studioSlots } from "./studio_availability.ts";

const acting: ActingAs = { actor: { type: "staff", id: "stf_1", label: "owner@example.com" } };
const timeZone = "Europe/Paris";
const now = new Date("2026-03-01T08:00:00Z");
const weekdays = (open: string, close: string) =>
  [1, 2, 3, 4, 5].map((weekday) => ({ weekday, open, close }));
// Monday 2 March 2026; Paris is UTC+1 in winter.
const monday = { from: new Date("2026-03-02T00:00:00+01:00"), to: new Date("2026-03-03T00:00:00+01:00") };
const paris = (slots: { start: number }[]) =>
  slots.map((s) =>
    new Date(s.start).toLocaleTimeString("en-GB", { timeZone, hour: "2-digit", minute: "2-digit" })
  );

Deno.test("the room's free slots skip its bookings and their buffers; the engineer's hours narrow them", async () => {
  await withStudioDb(async (db) => {
    const room = await insertRoom(db, { openingHours: weekdays("10:00", "18:00"), setupMinutes: 30 });
    const engineer = await insertEngineer(db, { workingHours: weekdays("10:00", "16:00") });
    await createBooking(
      db,
      {
        roomId: room.id,
        title: "Tracking",
        blocks: [{
          start: new Date("2026-03-02T13:00:00+01:00"),
          end: new Date("2026-03-02T14:00:00+01:00"),
        }],
      },
      acting,
      { timeZone, now },
    );
    const query = { roomId: room.id, ...monday, durationMinutes: 120, stepMinutes: 30, timeZone, now };
    // Booked 13:00–14:00 with 30 min set-up before: 12:30–14:00 is taken. A new session must end by
    // 12:30, and needs its own 30 minutes of set-up free, so the first after starts at 14:30.
    assert.deepEqual(paris(await studioSlots(db, query)), [
      "10:00",
      "10:30",
      "14:30",
      "15:00",
      "15:30",
      "16:00",
    ]);
    const withEngineer = await studioSlots(db, { ...query, engineerIds: [engineer.id] });
    assert.deepEqual(
      paris(withEngineer),
      ["10:00", "10:30"],
      "the engineer stops at 16:00",
    );
    await db.insert(engineerTimeOff).values({
      id: newId("off"),
      engineerId: engineer.id,
      startsAt: new Date("2026-03-02T09:00:00+01:00"),
      endsAt: new Date("2026-03-02T12:00:00+01:00"),
    });
    assert.deepEqual(await studioSlots(db, { ...query, engineerIds: [engineer.id] }), []);
  });
});

Deno.test("a lapsed hold no longer blocks, a live one does; the window is bounded", async () => {
  await withStudioDb(async (db) => {
    const room = await insertRoom(db, { openingHours: weekdays("10:00", "14:00") });
    await createBooking(
      db,
      {
        roomId: room.id,
        title: "Pencilled in",
        status: "hold",
        holdMinutes: 60,
        blocks: [{
          start: new Date("2026-03-02T10:00:00+01:00"),
          end: new Date("2026-03-02T14:00:00+01:00"),
        }],
      },
      acting,
      { timeZone, now },
    );
    const query = { roomId: room.id, ...monday, durationMinutes: 240, stepMinutes: 60, timeZone };
    assert.deepEqual(await studioSlots(db, { ...query, now }), [], "the hold blocks for its hour");
    const later = new Date(now.getTime() + 2 * 3_600_000);
    assert.deepEqual(paris(await studioSlots(db, { ...query, now: later })), ["10:00"]);
    const err = await studioSlots(db, { ...query, to: new Date("2026-06-01T00:00:00Z") }).catch((e) => e);
    assert.ok(err instanceof ValidationError);
    assert.match(err.fields.to, /62 days/);
  });
});

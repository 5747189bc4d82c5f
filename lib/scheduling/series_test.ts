import assert from "node:assert/strict";
import { bookings } from "../../db/schema/mod.ts";
import type { ActingAs } from "../audit/audit.ts";
import { ConflictError } from "../errors.ts";
import { insertRoom, withStudioDb } from "../testing/scheduling_fixtures.ts";
import { createBooking, updateBooking } from "./bookings.ts";
import { cancelSeries, changeSeries, createSeries, type SeriesConflict } from "./series.ts";

const acting: ActingAs = { actor: { type: "staff", id: "stf_1", label: "owner@example.com" } };
const options = { timeZone: "Europe/Paris", now: new Date("2026-03-01T08:00:00Z") };
const localTime = (d: Date) =>
  new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Paris", dateStyle: "short", timeStyle: "short" })
    .format(d);
// Tuesdays 18:00–20:00 Paris from 10 March 2026; Paris moves to summer time on 29 March.
const podcast = (roomId: string) => ({
  roomId,
  title: "Podcast",
  blocks: [{ start: new Date("2026-03-10T17:00:00Z"), end: new Date("2026-03-10T19:00:00Z") }],
  series: { frequency: "weekly" as const, count: 12 },
});

Deno.test("a weekly series of 12 books every occurrence at the same local time; one moves and one is cancelled alone", async () => {
  await withStudioDb(async (db) => {
    const room = await insertRoom(db);
    const { seriesId, bookings: created } = await createSeries(db, podcast(room.id), acting, options);
    assert.equal(created.length, 12);
    assert.ok(created.every((b) => b.seriesId === seriesId));
    assert.deepEqual(created.map((b) => localTime(b.blocks[0].start).slice(11)), Array(12).fill("18:00"));
    assert.equal(created[3].blocks[0].start.toISOString(), "2026-03-31T16:00:00.000Z");

    const [moved] = await changeSeries(
      db,
      created[4].id,
      "this",
      { shiftMinutes: 24 * 60 + 60 },
      acting,
      options,
    );
    assert.equal(localTime(moved.blocks[0].start), "2026-04-08 19:00");
    const [cancelled] = await cancelSeries(db, created[6].id, "this", acting, options);
    assert.equal(cancelled.status, "cancelled");

    const after = await db.select().from(bookings);
    const untouched = after.filter((b) => b.id !== created[4].id && b.id !== created[6].id);
    assert.equal(untouched.length, 10);
    assert.ok(untouched.every((b) => b.status === "confirmed" && b.version === 1));
  });
});

Deno.test("a series with one clashing occurrence books nothing and lists the clash by occurrence", async () => {
  await withStudioDb(async (db) => {
    const room = await insertRoom(db, { name: "Booth" });
    await createBooking(
      db,
      {
        roomId: room.id,
        title: "Voice-over",
        blocks: [{ start: new Date("2026-04-14T16:30:00Z"), end: new Date("2026-04-14T17:30:00Z") }],
      },
      acting,
      options,
    );
    const err = await createSeries(db, podcast(room.id), acting, options).catch((e) => e);
    assert.ok(err instanceof ConflictError);
    assert.match(
      err.message,
      /^1 of 12 sessions conflict; nothing was booked. First: Booth is booked for “Voice-over”/,
    );
    assert.deepEqual((err.conflicts as unknown as SeriesConflict[]).map((c) => c.occurrence), [5]);
    assert.equal((await db.select().from(bookings)).length, 1);
  });
});

Deno.test("moving this and the following occurrences keeps earlier ones and re-checks each", async () => {
  await withStudioDb(async (db) => {
    const room = await insertRoom(db);
    const { bookings: created } = await createSeries(
      db,
      { ...podcast(room.id), series: { frequency: "weekly", count: 4 } },
      acting,
      options,
    );
    const other = await insertRoom(db);
    const moved = await changeSeries(
      db,
      created[2].id,
      "following",
      { roomId: other.id, durationMinutes: 90 },
      acting,
      options,
    );
    assert.deepEqual(moved.map((b) => b.id), [created[2].id, created[3].id]);
    assert.ok(
      moved.every((b) =>
        b.room.id === other.id && b.blocks[0].end.getTime() - b.blocks[0].start.getTime() === 90 * 60_000
      ),
    );
    // A booking in the way of the later occurrence refuses the whole change.
    await createBooking(
      db,
      {
        roomId: room.id,
        title: "Rehearsal",
        blocks: [{ start: new Date("2026-03-31T17:30:00Z"), end: new Date("2026-03-31T18:00:00Z") }],
      },
      acting,
      options,
    );
    const err = await changeSeries(
      db,
      created[0].id,
      "all",
      { roomId: room.id, shiftMinutes: 60 },
      acting,
      options,
    )
      .catch((e) => e);
    assert.ok(err instanceof ConflictError);
    const stored = await db.select().from(bookings);
    assert.equal(stored.find((b) => b.id === created[3].id)!.roomId, other.id);
    // A single occurrence edited on its own stays editable with the ordinary booking functions.
    await updateBooking(db, created[0].id, { version: created[0].version, title: "Pilot" }, acting, options);
  });
});

Deno.test("cancelling this and the following occurrences leaves the earlier ones booked", async () => {
  await withStudioDb(async (db) => {
    const room = await insertRoom(db);
    const { bookings: created } = await createSeries(
      db,
      { ...podcast(room.id), series: { frequency: "weekly", count: 5 } },
      acting,
      options,
    );
    const cancelled = await cancelSeries(db, created[2].id, "following", acting, {
      ...options,
      reason: "Season ended",
    });
    assert.equal(cancelled.length, 3);
    const stored = new Map((await db.select().from(bookings)).map((b) => [b.id, b.status]));
    assert.deepEqual(created.map((b) => stored.get(b.id)), [
      "confirmed",
      "confirmed",
      "cancelled",
      "cancelled",
      "cancelled",
    ]);
  });
});

import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import {
  bookingBlocks,
  bookings,
  closures,
  engineerReservations,
  engineerTimeOff,
  gearReservations,
  rooms,
} from "../../db/schema/mod.ts";
import type { ActingAs } from "../audit/audit.ts";
import { listAudit } from "../audit/audit.ts";
import { ConflictError, ValidationError } from "../errors.ts";
import { newId } from "../kv/ids.ts";
import { EXCLUSION_VIOLATION, pgError } from "../tenancy/pg_error.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import {
  insertClient,
  insertEngineer,
  insertGear,
  insertRoom,
  withStudioDb,
} from "../testing/scheduling_fixtures.ts";
import type { Conflict } from "./booking_conflicts.ts";
import { getBooking } from "./booking_reads.ts";
import { createBooking, transitionBooking, updateBooking } from "./bookings.ts";

const acting: ActingAs = { actor: { type: "staff", id: "stf_1", label: "owner@example.com" } };
const options = { timeZone: "Europe/Paris", now: new Date("2026-03-01T08:00:00Z") };
const at = (iso: string) => new Date(iso);
const block = (start: string, end: string) => ({ start: at(start), end: at(end) });

async function refusal(promise: Promise<unknown>): Promise<ConflictError> {
  const err = await promise.then(() => undefined, (e) => e);
  assert.ok(err instanceof ConflictError, `expected a ConflictError, got ${err}`);
  return err;
}
const conflictsOf = (err: ConflictError) => err.conflicts as unknown as Conflict[];

const closeRoom = (db: TenantDb, roomId: string, start: string, end: string) =>
  db.insert(closures).values({
    id: newId("clo"),
    roomId,
    startsAt: at(start),
    endsAt: at(end),
    reason: "Closed",
  });

/** Books room `roomId` from `start` to `end` (ISO instants), with the engineers given. */
const booker = (db: TenantDb, roomId: string) => (start: string, end: string, engineerIds: string[] = []) =>
  createBooking(db, { roomId, title: "X", engineerIds, blocks: [block(start, end)] }, acting, options);

Deno.test("a booking reserves its room, engineers and gear for every block, and is audited", async () => {
  await withStudioDb(async (db) => {
    const room = await insertRoom(db, { name: "Studio A" });
    const engineer = await insertEngineer(db, { name: "Sam" });
    const mic = await insertGear(db, { name: "U87", quantity: 2 });
    const client = await insertClient(db, { name: "The Band" });
    const booking = await createBooking(
      db,
      {
        clientId: client.id,
        roomId: room.id,
        title: "Album tracking",
        blocks: [
          block("2026-03-10T09:00:00Z", "2026-03-10T17:00:00Z"),
          block("2026-03-12T09:00:00Z", "2026-03-12T13:00:00Z"),
        ],
        engineerIds: [engineer.id],
        gear: [{ gearId: mic.id, quantity: 2 }],
      },
      acting,
      options,
    );
    assert.equal(booking.status, "confirmed");
    assert.deepEqual(booking.client, { id: client.id, name: "The Band" });
    assert.equal(booking.room.name, "Studio A");
    assert.deepEqual(booking.blocks.map((b) => b.start.toISOString()), [
      "2026-03-10T09:00:00.000Z",
      "2026-03-12T09:00:00.000Z",
    ]);
    assert.deepEqual(booking.engineers, [{ id: engineer.id, name: "Sam" }]);
    assert.deepEqual(booking.gear, [{ id: mic.id, name: "U87", quantity: 2 }]);
    // The answer is built from what was written: it must be what a read gives back.
    assert.deepEqual(booking, await getBooking(db, booking.id));
    const [entry] = await listAudit(db, { action: "booking.created" });
    assert.equal(entry.entityId, booking.id);
    assert.equal(entry.actorLabel, "owner@example.com");
  });
});

Deno.test("a room already booked is refused with the booking and time that conflict, and nothing is written", async () => {
  await withStudioDb(async (db) => {
    const room = await insertRoom(db, { name: "Studio A" });
    const first = await createBooking(
      db,
      {
        roomId: room.id,
        title: "Mixing",
        blocks: [block("2026-03-10T09:00:00Z", "2026-03-10T12:00:00Z")],
      },
      acting,
      options,
    );
    const err = await refusal(createBooking(
      db,
      {
        roomId: room.id,
        title: "Overdubs",
        blocks: [
          block("2026-03-12T09:00:00Z", "2026-03-12T10:00:00Z"),
          block("2026-03-10T11:00:00Z", "2026-03-10T13:00:00Z"),
        ],
      },
      acting,
      options,
    ));
    assert.equal(err.status, 409);
    assert.match(err.message, /Studio A is booked for “Mixing”: 10 Mar 2026, 10:00/);
    assert.deepEqual(conflictsOf(err).map((c) => [c.block, c.resource, c.reason, c.bookingId]), [
      [1, "room", "booked", first.id],
    ]);
    assert.equal((await db.select().from(bookings)).length, 1);
  });
});

Deno.test("setup and teardown buffers keep the room free around a session", async () => {
  await withStudioDb(async (db) => {
    const room = await insertRoom(db, { setupMinutes: 30, teardownMinutes: 30 });
    await createBooking(
      db,
      { roomId: room.id, title: "A", blocks: [block("2026-03-10T09:00:00Z", "2026-03-10T12:00:00Z")] },
      acting,
      options,
    );
    // 12:00–12:30 is A's teardown; B's setup would start at 12:00 for a 12:30 start.
    await refusal(createBooking(
      db,
      {
        roomId: room.id,
        title: "B",
        blocks: [block("2026-03-10T12:30:00Z", "2026-03-10T14:00:00Z")],
      },
      acting,
      options,
    ));
    const b = await createBooking(
      db,
      {
        roomId: room.id,
        title: "B",
        blocks: [block("2026-03-10T13:00:00Z", "2026-03-10T14:00:00Z")],
      },
      acting,
      options,
    );
    assert.equal(b.status, "confirmed");
  });
});

Deno.test("an engineer cannot be in two rooms at once, nor during time off", async () => {
  await withStudioDb(async (db) => {
    const [a, b] = [await insertRoom(db, { name: "A" }), await insertRoom(db, { name: "B" })];
    const engineer = await insertEngineer(db, { name: "Sam" });
    await createBooking(
      db,
      {
        roomId: a.id,
        title: "Tracking",
        engineerIds: [engineer.id],
        blocks: [block("2026-03-10T09:00:00Z", "2026-03-10T12:00:00Z")],
      },
      acting,
      options,
    );
    const err = await refusal(createBooking(
      db,
      {
        roomId: b.id,
        title: "Vocals",
        engineerIds: [engineer.id],
        blocks: [block("2026-03-10T11:00:00Z", "2026-03-10T13:00:00Z")],
      },
      acting,
      options,
    ));
    assert.match(err.message, /^Sam is booked for “Tracking”/);
    await db.insert(engineerTimeOff).values({
      id: newId("off"),
      engineerId: engineer.id,
      startsAt: at("2026-03-11T00:00:00Z"),
      endsAt: at("2026-03-12T00:00:00Z"),
    });
    const off = await refusal(createBooking(
      db,
      {
        roomId: b.id,
        title: "Vocals",
        engineerIds: [engineer.id],
        blocks: [block("2026-03-11T10:00:00Z", "2026-03-11T12:00:00Z")],
      },
      acting,
      options,
    ));
    assert.equal(conflictsOf(off)[0].reason, "time_off");
  });
});

Deno.test("gear is never reserved beyond its quantity, and gear in maintenance cannot be booked", async () => {
  await withStudioDb(async (db) => {
    const [a, b, c] = [await insertRoom(db), await insertRoom(db), await insertRoom(db)];
    const mic = await insertGear(db, { name: "U87", quantity: 2 });
    const slot = [block("2026-03-10T09:00:00Z", "2026-03-10T12:00:00Z")];
    await createBooking(
      db,
      { roomId: a.id, title: "One", gear: [{ gearId: mic.id, quantity: 1 }], blocks: slot },
      acting,
      options,
    );
    await createBooking(
      db,
      { roomId: b.id, title: "Two", gear: [{ gearId: mic.id, quantity: 1 }], blocks: slot },
      acting,
      options,
    );
    const err = await refusal(
      createBooking(
        db,
        { roomId: c.id, title: "Three", gear: [{ gearId: mic.id, quantity: 1 }], blocks: slot },
        acting,
        options,
      ),
    );
    assert.deepEqual(conflictsOf(err).map((x) => [x.resource, x.reason, x.bookingTitle]).sort(), [
      ["gear", "quantity", "One"],
      ["gear", "quantity", "Two"],
    ]);
    const broken = await insertGear(db, { name: "LA-2A", status: "maintenance" });
    const out = await refusal(createBooking(
      db,
      {
        roomId: c.id,
        title: "Three",
        gear: [{ gearId: broken.id, quantity: 1 }],
        blocks: slot,
      },
      acting,
      options,
    ));
    assert.equal(conflictsOf(out)[0].reason, "out_of_service");
  });
});

Deno.test("a closure of the room or of the whole studio refuses bookings during it", async () => {
  await withStudioDb(async (db) => {
    const room = await insertRoom(db, { name: "A" });
    await db.insert(closures).values({
      id: newId("clo"),
      roomId: null,
      startsAt: at("2026-12-25T00:00:00Z"),
      endsAt: at("2026-12-26T00:00:00Z"),
      reason: "Christmas",
    });
    const err = await refusal(createBooking(
      db,
      {
        roomId: room.id,
        title: "X",
        blocks: [block("2026-12-25T10:00:00Z", "2026-12-25T12:00:00Z")],
      },
      acting,
      options,
    ));
    assert.match(err.message, /^A is closed/);
  });
});

Deno.test("a closure or time off that only a buffer reaches still refuses the booking", async () => {
  await withStudioDb(async (db) => {
    const room = await insertRoom(db, { name: "A", setupMinutes: 30, teardownMinutes: 20 });
    const engineer = await insertEngineer(db, { name: "Eli" });
    await closeRoom(db, room.id, "2026-03-10T14:00:00Z", "2026-03-10T14:20:00Z");
    await db.insert(engineerTimeOff).values({
      id: newId("eto"),
      engineerId: engineer.id,
      startsAt: at("2026-03-11T09:00:00Z"),
      endsAt: at("2026-03-11T10:00:00Z"),
    });
    const book = booker(db, room.id);
    // The setup of a 14:30 start begins at 14:00; the teardown of a 13:45 end lasts until 14:05.
    assert.match(
      (await refusal(book("2026-03-10T14:30:00Z", "2026-03-10T16:00:00Z"))).message,
      /^A is closed/,
    );
    assert.match(
      (await refusal(book("2026-03-10T12:00:00Z", "2026-03-10T13:45:00Z"))).message,
      /^A is closed/,
    );
    // Time off 09:00–10:00: a session ending 08:45 keeps Eli until 09:05.
    const off = await refusal(book("2026-03-11T07:00:00Z", "2026-03-11T08:45:00Z", [engineer.id]));
    assert.deepEqual(conflictsOf(off).map((c) => [c.resource, c.reason]), [["engineer", "time_off"]]);
    await book("2026-03-10T14:50:00Z", "2026-03-10T16:00:00Z");
    await book("2026-03-11T07:00:00Z", "2026-03-11T08:30:00Z", [engineer.id]);
  });
});

Deno.test("a room's buffers changed since its last booking are the ones checked", async () => {
  await withStudioDb(async (db) => {
    const room = await insertRoom(db, { name: "A" });
    await closeRoom(db, room.id, "2026-03-10T13:40:00Z", "2026-03-10T14:00:00Z");
    const book = booker(db, room.id);
    await book("2026-03-10T09:00:00Z", "2026-03-10T10:00:00Z");
    // Without buffers a 14:00 start clears the closure; with a 30-minute setup it does not.
    await db.update(rooms).set({ setupMinutes: 30 }).where(eq(rooms.id, room.id));
    assert.match(
      (await refusal(book("2026-03-10T14:00:00Z", "2026-03-10T15:00:00Z"))).message,
      /^A is closed/,
    );
    await db.update(rooms).set({ setupMinutes: 0 }).where(eq(rooms.id, room.id));
    await book("2026-03-10T14:00:00Z", "2026-03-10T15:00:00Z");
  });
});

Deno.test("a hold blocks the room until it expires, then stops blocking and is marked expired", async () => {
  await withStudioDb(async (db) => {
    const room = await insertRoom(db);
    const slot = [block("2026-03-10T09:00:00Z", "2026-03-10T12:00:00Z")];
    const hold = await createBooking(
      db,
      { roomId: room.id, title: "Held", status: "hold", holdMinutes: 30, blocks: slot },
      acting,
      options,
    );
    assert.equal(hold.holdExpiresAt?.toISOString(), "2026-03-01T08:30:00.000Z");
    await refusal(createBooking(db, { roomId: room.id, title: "Other", blocks: slot }, acting, options));
    const later = { ...options, now: new Date("2026-03-01T08:31:00Z") };
    const taken = await createBooking(db, { roomId: room.id, title: "Other", blocks: slot }, acting, later);
    assert.equal(taken.status, "confirmed");
    const [expired] = await db.select().from(bookings).where(eq(bookings.id, hold.id));
    assert.equal(expired.status, "expired");
    // Confirming the lapsed hold re-checks its time, which is now taken.
    const err = await refusal(transitionBooking(db, hold.id, "confirm", acting, later));
    assert.equal(conflictsOf(err)[0].bookingId, taken.id);
  });
});

Deno.test("a booking's own blocks may not overlap, and bad input names the field", async () => {
  await withStudioDb(async (db) => {
    const room = await insertRoom(db);
    const err = await createBooking(
      db,
      {
        roomId: room.id,
        title: "X",
        blocks: [
          block("2026-03-10T09:00:00Z", "2026-03-10T12:00:00Z"),
          block("2026-03-10T11:00:00Z", "2026-03-10T13:00:00Z"),
        ],
      },
      acting,
      options,
    ).catch((e) => e);
    assert.ok(err instanceof ValidationError);
    assert.ok(err.fields["blocks.1.start"]);
    const bad = await createBooking(
      db,
      {
        roomId: "room_missing",
        title: "",
        blocks: [block("2026-03-10T12:00:00Z", "2026-03-10T09:00:00Z")],
      },
      acting,
      options,
    ).catch((e) => e);
    assert.ok(bad instanceof ValidationError);
    assert.deepEqual(Object.keys(bad.fields).sort(), ["blocks.0.end", "title"]);
    const unknownRoom = await createBooking(
      db,
      { roomId: "room_missing", title: "X", blocks: [block("2026-03-10T09:00:00Z", "2026-03-10T10:00:00Z")] },
      acting,
      options,
    )
      .catch((e) => e);
    assert.ok(unknownRoom instanceof ValidationError);
    assert.deepEqual(Object.keys(unknownRoom.fields), ["roomId"]);
  });
});

Deno.test("moving a booking re-checks its new time, ignores itself, and refuses edits from a stale page", async () => {
  await withStudioDb(async (db) => {
    const room = await insertRoom(db);
    const a = await createBooking(
      db,
      { roomId: room.id, title: "A", blocks: [block("2026-03-10T09:00:00Z", "2026-03-10T12:00:00Z")] },
      acting,
      options,
    );
    const b = await createBooking(
      db,
      { roomId: room.id, title: "B", blocks: [block("2026-03-10T14:00:00Z", "2026-03-10T16:00:00Z")] },
      acting,
      options,
    );
    // Resizing over itself is fine.
    const longer = await updateBooking(
      db,
      a.id,
      { version: a.version, blocks: [block("2026-03-10T08:00:00Z", "2026-03-10T13:00:00Z")] },
      acting,
      options,
    );
    assert.equal(longer.version, a.version + 1);
    assert.equal(longer.blocks[0].start.toISOString(), "2026-03-10T08:00:00.000Z");
    const err = await refusal(
      updateBooking(
        db,
        a.id,
        { version: longer.version, blocks: [block("2026-03-10T13:00:00Z", "2026-03-10T15:00:00Z")] },
        acting,
        options,
      ),
    );
    assert.equal(conflictsOf(err)[0].bookingId, b.id);
    const stale = await refusal(
      updateBooking(db, a.id, { version: a.version, title: "Renamed" }, acting, options),
    );
    assert.match(stale.message, /changed this session since you opened it/);
    const [row] = await db.select().from(bookings).where(eq(bookings.id, a.id));
    assert.equal(row.title, "A");
    const [entry] = await listAudit(db, { action: "booking.updated" });
    assert.deepEqual(entry.changes?.blocks, {
      before: ["2026-03-10T09:00:00.000Z/2026-03-10T12:00:00.000Z"],
      after: ["2026-03-10T08:00:00.000Z/2026-03-10T13:00:00.000Z"],
    });
  });
});

Deno.test("cancelling frees the time; a cancelled session can no longer be changed or completed", async () => {
  await withStudioDb(async (db) => {
    const room = await insertRoom(db);
    const slot = [block("2026-03-10T09:00:00Z", "2026-03-10T12:00:00Z")];
    const a = await createBooking(db, { roomId: room.id, title: "A", blocks: slot }, acting, options);
    const cancelled = await transitionBooking(db, a.id, "cancel", acting, {
      ...options,
      reason: "Band split up",
    });
    assert.equal(cancelled.status, "cancelled");
    const blocks = await db.select().from(bookingBlocks).where(eq(bookingBlocks.bookingId, a.id));
    assert.deepEqual(blocks.map((b) => b.blocking), [false]);
    await createBooking(db, { roomId: room.id, title: "B", blocks: slot }, acting, options);
    const err = await updateBooking(db, a.id, { version: cancelled.version, title: "X" }, acting, options)
      .catch((e) => e);
    assert.ok(err instanceof ValidationError);
    await refusal(transitionBooking(db, a.id, "complete", acting, options));
  });
});

Deno.test("the database itself refuses overlapping rooms, engineers and gear beyond quantity", async () => {
  await withStudioDb(async (db) => {
    const room = await insertRoom(db);
    const engineer = await insertEngineer(db);
    const mic = await insertGear(db, { quantity: 1 });
    const slot = [block("2026-03-10T09:00:00Z", "2026-03-10T12:00:00Z")];
    const a = await createBooking(
      db,
      {
        roomId: room.id,
        title: "A",
        engineerIds: [engineer.id],
        gear: [{ gearId: mic.id, quantity: 1 }],
        blocks: slot,
      },
      acting,
      options,
    );
    const other = await createBooking(
      db,
      {
        roomId: (await insertRoom(db)).id,
        title: "B",
        blocks: [block("2026-03-11T09:00:00Z", "2026-03-11T12:00:00Z")],
      },
      acting,
      options,
    );
    const range = { blockedFrom: at("2026-03-10T10:00:00Z"), blockedUntil: at("2026-03-10T11:00:00Z") };
    const violation = async (write: Promise<unknown>) => {
      const err = await write.then(() => undefined, (e) => e);
      assert.equal(pgError(err)?.code, EXCLUSION_VIOLATION, String(err));
    };
    await violation(
      db.insert(bookingBlocks).values({
        id: newId("blk"),
        bookingId: other.id,
        roomId: room.id,
        startsAt: range.blockedFrom,
        endsAt: range.blockedUntil,
        ...range,
      }),
    );
    const [otherBlock] = await db.select().from(bookingBlocks).where(eq(bookingBlocks.bookingId, other.id));
    await violation(
      db.insert(engineerReservations).values({
        blockId: otherBlock.id,
        engineerId: engineer.id,
        bookingId: other.id,
        ...range,
      }),
    );
    await violation(
      db.insert(gearReservations).values({
        blockId: otherBlock.id,
        gearId: mic.id,
        bookingId: other.id,
        quantity: 1,
        ...range,
      }),
    );
    assert.equal(a.gear[0].quantity, 1);
  });
});

import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import { bookings, closures, rooms } from "../../db/schema/mod.ts";
import { listAudit } from "../audit/audit.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { createTranslator } from "../i18n/mod.ts";
import { isId } from "../kv/ids.ts";
import { ACTING, hoursFromNow, insertSession } from "../testing/resource_fixtures.ts";
import { withStudioDb } from "../testing/scheduling_fixtures.ts";
import { addClosure } from "./closures.ts";
import { fieldMessages, ResourceConflictError } from "./resource_validation.ts";
import {
  createRoom,
  deleteRoom,
  getRoom,
  listRooms,
  setRoomActive,
  upcomingRoomSessions,
  updateRoom,
} from "./rooms.ts";

async function refusal(promise: Promise<unknown>): Promise<ValidationError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ValidationError) return err;
    throw err;
  }
  assert.fail("the change was accepted");
}

Deno.test("a room is created with its rates, lengths and hours, and the creation is audited", async () => {
  await withStudioDb(async (db) => {
    const room = await createRoom(db, {
      name: "  Studio A ",
      kind: "live",
      capacity: 6,
      hourlyRate: 6000,
      halfDayRate: 20000,
      dayRate: 36000,
      nightRate: 8000,
      minimumMinutes: 120,
      setupMinutes: 15,
      teardownMinutes: 30,
      openingHours: [{ weekday: 6, open: "10:00", close: "18:00" }, {
        weekday: 1,
        open: "09:00",
        close: "02:00",
      }],
      colour: "#AA00FF",
    }, ACTING);
    assert.ok(isId(room.id, "room"));
    assert.equal(room.name, "Studio A");
    assert.equal(room.colour, "#aa00ff");
    assert.equal(room.halfDayMinutes, 240, "the default half day");
    assert.deepEqual(room.openingHours.map((i) => i.weekday), [1, 6], "stored Monday first");
    assert.deepEqual(await getRoom(db, room.id), room);

    const [entry] = await listAudit(db);
    assert.equal(entry.action, "room.created");
    assert.deepEqual([entry.entityType, entry.entityId], ["room", room.id]);
    assert.equal(entry.actorId, "u_ana");
    assert.equal(entry.ip, "203.0.113.7");
    assert.deepEqual(entry.changes!.hourlyRate, { after: 6000 });
    assert.equal(entry.changes!.updatedAt, undefined);
  });
});

Deno.test("room names are unique whatever their case, and a refused change writes nothing", async () => {
  await withStudioDb(async (db) => {
    const a = await createRoom(db, { name: "Studio A" }, ACTING);
    const b = await createRoom(db, { name: "Studio B" }, ACTING);
    const taken = await refusal(createRoom(db, { name: "studio a" }, ACTING));
    assert.equal(taken.fields.name, "Another room is already called “studio a”.");
    assert.equal(
      fieldMessages(taken, createTranslator("fr").t).name,
      "Une autre salle s’appelle déjà «\u00a0studio a\u00a0».",
    );
    await refusal(updateRoom(db, b.id, { name: "STUDIO A" }, ACTING));
    assert.equal((await getRoom(db, b.id)).name, "Studio B");
    await updateRoom(db, a.id, { name: "studio a" }, ACTING);
    assert.equal((await listAudit(db)).length, 3, "two creations and the rename only");
  });
});

Deno.test("an update changes only the fields given and audits each one before and after", async () => {
  await withStudioDb(async (db) => {
    const room = await createRoom(db, { name: "Booth", hourlyRate: 3000, location: "Floor 1" }, ACTING);
    const after = await updateRoom(db, room.id, { hourlyRate: 3500, location: "", setupMinutes: 10 }, ACTING);
    assert.equal(after.hourlyRate, 3500);
    assert.equal(after.location, null, "an emptied text is stored as null");
    assert.equal(after.name, "Booth");
    assert.ok(after.updatedAt > room.updatedAt);
    const [entry] = await listAudit(db, { action: "room.updated" });
    assert.deepEqual(entry.changes, {
      hourlyRate: { before: 3000, after: 3500 },
      location: { before: "Floor 1", after: null },
      setupMinutes: { before: 0, after: 10 },
    });
  });
});

Deno.test("a save that changes nothing writes nothing; one based on an older version is refused", async () => {
  await withStudioDb(async (db) => {
    const room = await createRoom(db, { name: "Booth", hourlyRate: 3000 }, ACTING);
    const same = await updateRoom(db, room.id, { name: "Booth", hourlyRate: 3000 }, ACTING, {
      unchangedSince: room.updatedAt,
    });
    assert.deepEqual(same, room);
    assert.equal((await listAudit(db)).length, 1, "no empty room.updated row");

    const first = await updateRoom(db, room.id, { hourlyRate: 3500 }, ACTING, {
      unchangedSince: room.updatedAt,
    });
    const stale = await updateRoom(db, room.id, { hourlyRate: 4000 }, ACTING, {
      unchangedSince: room.updatedAt,
    })
      .catch((e) => e);
    assert.ok(stale instanceof ResourceConflictError);
    assert.match(stale.message, /Someone else saved changes here/);
    assert.equal((await getRoom(db, room.id)).hourlyRate, 3500);
    await updateRoom(db, room.id, { hourlyRate: 4000 }, ACTING, { unchangedSince: first.updatedAt });
    assert.equal((await getRoom(db, room.id)).hourlyRate, 4000);
  });
});

Deno.test("the rules between fields are checked on the room as it will be saved", async () => {
  await withStudioDb(async (db) => {
    const room = await createRoom(db, { name: "A", halfDayRate: 100, dayRate: 200 }, ACTING);
    const err = await refusal(updateRoom(db, room.id, { halfDayMinutes: 600 }, ACTING));
    assert.equal(err.fields.halfDayMinutes, "A half day must be shorter than a day.");
    await updateRoom(db, room.id, { dayRate: null, halfDayMinutes: 600 }, ACTING);
    const night = await refusal(
      createRoom(db, { name: "B", nightRate: 5000, nightStart: "08:00", nightEnd: "08:00" }, ACTING),
    );
    assert.ok(night.fields.nightEnd);
  });
});

Deno.test("input from the API is checked field by field", async () => {
  await withStudioDb(async (db) => {
    const err = await refusal(createRoom(db, {
      name: "",
      hourlyRate: 12.5,
      minimumMinutes: 25 * 60,
      halfDayMinutes: 0,
      capacity: 0,
      kind: "garage" as "live",
      nightStart: "22h",
    }, ACTING));
    assert.deepEqual(Object.keys(err.fields).sort(), [
      "capacity",
      "halfDayMinutes",
      "hourlyRate",
      "kind",
      "minimumMinutes",
      "name",
      "nightStart",
    ]);
    assert.equal(err.fields.minimumMinutes, "Keep it within 24 hours.");
    assert.deepEqual(await listRooms(db, { includeInactive: true }), []);
  });
});

Deno.test("a deactivated room leaves the list of bookable rooms and comes back when reactivated", async () => {
  await withStudioDb(async (db) => {
    const a = await createRoom(db, { name: "B room" }, ACTING);
    await createRoom(db, { name: "a room" }, ACTING);
    await setRoomActive(db, a.id, false, ACTING);
    assert.deepEqual((await listRooms(db)).map((r) => r.name), ["a room"]);
    assert.deepEqual((await listRooms(db, { includeInactive: true })).map((r) => r.name), [
      "a room",
      "B room",
    ]);
    await setRoomActive(db, a.id, false, ACTING);
    await setRoomActive(db, a.id, true, ACTING);
    const actions = (await listAudit(db, { entityType: "room" })).map((e) => e.action);
    assert.deepEqual(actions.slice(0, 2), ["room.reactivated", "room.deactivated"], "a no-op is not audited");
    await assert.rejects(setRoomActive(db, "room_missing", false, ACTING), NotFoundError);
  });
});

Deno.test("a room never booked is deleted with its closures; a booked one is refused and kept", async () => {
  await withStudioDb(async (db) => {
    const unused = await createRoom(db, { name: "Mistake" }, ACTING);
    await addClosure(db, { roomId: unused.id, startsAt: hoursFromNow(1), endsAt: hoursFromNow(2) }, ACTING);
    await deleteRoom(db, unused.id, ACTING);
    assert.deepEqual(await db.select().from(rooms).where(eq(rooms.id, unused.id)), []);
    assert.deepEqual(await db.select().from(closures), []);
    assert.equal((await listAudit(db))[0].action, "room.deleted");

    const booked = await createRoom(db, { name: "Studio A" }, ACTING);
    await insertSession(db, { roomId: booked.id, start: hoursFromNow(-48), end: hoursFromNow(-46) });
    const err = await deleteRoom(db, booked.id, ACTING).catch((e) => e);
    assert.ok(err instanceof ResourceConflictError);
    assert.equal(err.status, 409);
    assert.match(err.message, /Deactivate it instead/);
    assert.equal((await getRoom(db, booked.id)).name, "Studio A");
  });
});

Deno.test("upcoming sessions in a room are counted once each, past and cancelled ones not at all", async () => {
  await withStudioDb(async (db) => {
    const room = await createRoom(db, { name: "Studio A" }, ACTING);
    await insertSession(db, { roomId: room.id, start: hoursFromNow(-5), end: hoursFromNow(-3) });
    await insertSession(db, { roomId: room.id, start: hoursFromNow(-1), end: hoursFromNow(1) });
    await insertSession(db, { roomId: room.id, start: hoursFromNow(24), end: hoursFromNow(26) });
    const cancelled = await insertSession(db, {
      roomId: room.id,
      start: hoursFromNow(30),
      end: hoursFromNow(32),
    });
    await db.update(bookings).set({ status: "cancelled" }).where(eq(bookings.id, cancelled));
    assert.equal(await upcomingRoomSessions(db, room.id), 2);
  });
});

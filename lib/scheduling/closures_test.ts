import assert from "node:assert/strict";
import { listAudit } from "../audit/audit.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { ACTING, hoursFromNow } from "../testing/resource_fixtures.ts";
import { withStudioDb } from "../testing/scheduling_fixtures.ts";
import { addClosure, listClosures, removeClosure } from "./closures.ts";
import { spanInstants } from "./local_span.ts";
import { createRoom } from "./rooms.ts";

Deno.test("closures of a room and of the whole studio are kept apart and listed in start order", async () => {
  await withStudioDb(async (db) => {
    const a = await createRoom(db, { name: "Studio A" }, ACTING);
    const b = await createRoom(db, { name: "Studio B" }, ACTING);
    const holidays = spanInstants({ kind: "days", from: "2026-12-24", to: "2026-12-26" }, "Europe/Paris");
    const studio = await addClosure(db, { roomId: null, ...holidays, reason: "Holidays" }, ACTING);
    const later = await addClosure(
      db,
      { roomId: a.id, startsAt: hoursFromNow(48), endsAt: hoursFromNow(50) },
      ACTING,
    );
    const soon = await addClosure(
      db,
      { roomId: a.id, startsAt: hoursFromNow(2), endsAt: hoursFromNow(4) },
      ACTING,
    );
    const past = await addClosure(
      db,
      { roomId: b.id, startsAt: hoursFromNow(-4), endsAt: hoursFromNow(-2) },
      ACTING,
    );

    assert.deepEqual((await listClosures(db, { roomId: a.id })).map((c) => c.id), [soon.id, later.id]);
    assert.deepEqual((await listClosures(db, { roomId: null })).map((c) => c.id), [studio.id]);
    assert.equal((await listClosures(db)).length, 4);
    assert.deepEqual(
      await listClosures(db, { roomId: b.id, endingAfter: new Date() }),
      [],
      "past closures left out",
    );
    assert.equal(past.reason, null);
    assert.equal(studio.startsAt.toISOString(), "2026-12-23T23:00:00.000Z");

    const [entry] = await listAudit(db);
    assert.equal(entry.action, "closure.created");
    assert.deepEqual(entry.changes!.roomId, { after: b.id });
  });
});

Deno.test("a closure must end after it starts and belong to a room of the studio", async () => {
  await withStudioDb(async (db) => {
    const room = await createRoom(db, { name: "Studio A" }, ACTING);
    const backwards = await addClosure(db, {
      roomId: room.id,
      startsAt: hoursFromNow(2),
      endsAt: hoursFromNow(1),
    }, ACTING)
      .catch((e) => e);
    assert.ok(backwards instanceof ValidationError);
    assert.equal(backwards.fields.endsAt, "The end must be after the start.");
    const nowhere = await addClosure(db, {
      roomId: "room_x",
      startsAt: hoursFromNow(1),
      endsAt: hoursFromNow(2),
    }, ACTING)
      .catch((e) => e);
    assert.equal(nowhere.fields.roomId, "Choose a room of the studio.");
    const garbage = await addClosure(
      db,
      { roomId: room.id, startsAt: "soon", endsAt: hoursFromNow(2) },
      ACTING,
    )
      .catch((e) => e);
    assert.ok(garbage.fields.startsAt);
  });
});

Deno.test("a closure is removed only through its own room, and the removal is audited", async () => {
  await withStudioDb(async (db) => {
    const a = await createRoom(db, { name: "Studio A" }, ACTING);
    const b = await createRoom(db, { name: "Studio B" }, ACTING);
    const closure = await addClosure(
      db,
      { roomId: a.id, startsAt: hoursFromNow(1), endsAt: hoursFromNow(2) },
      ACTING,
    );
    await assert.rejects(removeClosure(db, closure.id, ACTING, b.id), NotFoundError);
    await assert.rejects(removeClosure(db, closure.id, ACTING, null), NotFoundError);
    await removeClosure(db, closure.id, ACTING, a.id);
    assert.deepEqual(await listClosures(db), []);
    const [entry] = await listAudit(db);
    assert.equal(entry.action, "closure.deleted");
    assert.deepEqual(entry.changes!.roomId, { before: a.id });
  });
});

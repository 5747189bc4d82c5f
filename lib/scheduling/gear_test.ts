import assert from "node:assert/strict";
import { listAudit } from "../audit/audit.ts";
import { ValidationError } from "../errors.ts";
import { EXCLUSION_VIOLATION, pgError } from "../tenancy/pg_error.ts";
import { ACTING, hoursFromNow, insertSession } from "../testing/resource_fixtures.ts";
import { withStudioDb } from "../testing/scheduling_fixtures.ts";
import {
  createGear,
  deleteGear,
  getGear,
  listGear,
  setGearStatus,
  upcomingGearSessions,
  updateGear,
} from "./gear.ts";
import { ResourceConflictError } from "./resource_validation.ts";
import { createRoom } from "./rooms.ts";

Deno.test("gear is created with units and a fee per hour or day, listed by category then name", async () => {
  await withStudioDb(async (db) => {
    const mic = await createGear(
      db,
      { name: "U 87", category: "Microphones", quantity: 2, fee: 2500 },
      ACTING,
    );
    await createGear(db, { name: "amp", category: "Amps", feePer: "hour", fee: 500 }, ACTING);
    await createGear(db, { name: "C 414", category: "microphones" }, ACTING);
    assert.equal(mic.feePer, "day");
    assert.equal(mic.status, "in_service");
    assert.deepEqual((await listGear(db)).map((g) => g.name), ["amp", "C 414", "U 87"]);
    const err = await createGear(db, { name: "u 87" }, ACTING).catch((e) => e);
    assert.ok(err instanceof ValidationError);
    assert.equal(err.fields.name, "Another item is already called “u 87”.");
    const bad = await createGear(db, { name: "X", quantity: -1, feePer: "week" as "day" }, ACTING).catch((
      e,
    ) => e);
    assert.deepEqual(Object.keys(bad.fields).sort(), ["feePer", "quantity"]);
  });
});

Deno.test("maintenance stops new bookings of an item; the status change is audited as such", async () => {
  await withStudioDb(async (db) => {
    const room = await createRoom(db, { name: "Studio A" }, ACTING);
    const mic = await createGear(db, { name: "U 87", quantity: 1 }, ACTING);
    await insertSession(db, {
      roomId: room.id,
      gear: { id: mic.id, quantity: 1 },
      start: hoursFromNow(1),
      end: hoursFromNow(3),
    });
    await setGearStatus(db, mic.id, "maintenance", ACTING);
    const [entry] = await listAudit(db);
    assert.equal(entry.action, "gear.status_changed");
    assert.deepEqual(entry.changes, { status: { before: "in_service", after: "maintenance" } });
    assert.equal(await upcomingGearSessions(db, mic.id), 1, "the session already booked keeps it");

    const refused = await insertSession(db, {
      roomId: room.id,
      gear: { id: mic.id, quantity: 1 },
      start: hoursFromNow(24),
      end: hoursFromNow(26),
    }).catch((e) => e);
    assert.equal(pgError(refused)?.code, EXCLUSION_VIOLATION, "the database refuses gear in maintenance");
    assert.equal(pgError(refused)?.constraint, "gear_reservations_status");

    // The whole form sent again with only the status changed is still a status change.
    const { id: _id, createdAt: _c, updatedAt: _u, ...fields } = await getGear(db, mic.id);
    await updateGear(db, mic.id, { ...fields, status: "in_service" }, ACTING);
    assert.equal((await listAudit(db))[0].action, "gear.status_changed");
    await insertSession(db, {
      roomId: room.id,
      gear: { id: mic.id, quantity: 1 },
      start: hoursFromNow(24),
      end: hoursFromNow(26),
    });
    assert.equal(await upcomingGearSessions(db, mic.id), 2);
  });
});

Deno.test("an edit audits what changed; an item sessions took cannot be deleted", async () => {
  await withStudioDb(async (db) => {
    const room = await createRoom(db, { name: "Studio A" }, ACTING);
    const amp = await createGear(db, { name: "Amp", fee: 1000 }, ACTING);
    await updateGear(db, amp.id, { fee: 1500, notes: "Serviced in May" }, ACTING);
    const [entry] = await listAudit(db);
    assert.equal(entry.action, "gear.updated");
    assert.deepEqual(Object.keys(entry.changes!).sort(), ["fee", "notes"]);

    await insertSession(db, {
      roomId: room.id,
      gear: { id: amp.id, quantity: 1 },
      start: hoursFromNow(-30),
      end: hoursFromNow(-28),
    });
    const err = await deleteGear(db, amp.id, ACTING).catch((e) => e);
    assert.ok(err instanceof ResourceConflictError);
    assert.equal((await getGear(db, amp.id)).fee, 1500);
    const spare = await createGear(db, { name: "Spare cable" }, ACTING);
    await deleteGear(db, spare.id, ACTING);
    assert.deepEqual((await listGear(db)).map((g) => g.name), ["Amp"]);
  });
});

import assert from "node:assert/strict";
import { listAudit } from "../audit/audit.ts";
import { ValidationError } from "../errors.ts";
import { isId } from "../kv/ids.ts";
import { openKv } from "../kv/open.ts";
import { addMembership, createStaff, removeMembership } from "../kv/staff.ts";
import { catalogStudio } from "../testing/catalog.ts";
import { ACTING, hoursFromNow, insertSession } from "../testing/resource_fixtures.ts";
import { withStudioDb } from "../testing/scheduling_fixtures.ts";
import {
  createEngineer,
  deleteEngineer,
  getEngineer,
  linkableStaff,
  listEngineers,
  setEngineerActive,
  studioStaff,
  upcomingEngineerSessions,
  updateEngineer,
} from "./engineers.ts";
import { ResourceConflictError } from "./resource_validation.ts";
import { createRoom } from "./rooms.ts";
import { addTimeOff, listTimeOff } from "./time_off.ts";

/** A control plane with two members of the studio (Sam and Ana) and one outsider. */
async function directory() {
  const kv = await openKv(":memory:");
  const studio = await catalogStudio(kv, "studio");
  const other = await catalogStudio(kv, "other");
  const sam = await createStaff(kv, { email: "sam@example.com", name: "Sam Ortiz" });
  const ana = await createStaff(kv, { email: "ana@example.com", name: "Ana Lima" });
  const outsider = await createStaff(kv, { email: "eve@example.com", name: "Eve" });
  await addMembership(kv, studio.id, sam.id, "engineer");
  await addMembership(kv, studio.id, ana.id, "owner");
  await addMembership(kv, other.id, outsider.id, "owner");
  return {
    kv,
    tenantId: studio.id,
    sam,
    ana,
    outsider,
    staff: studioStaff(kv, studio.id),
    [Symbol.dispose]: () => kv.close(),
  };
}

async function refusal(promise: Promise<unknown>): Promise<ValidationError> {
  const err = await promise.then(() => assert.fail("accepted"), (e) => e);
  assert.ok(err instanceof ValidationError, String(err));
  return err;
}

Deno.test("an engineer is created with working hours and rates, linked to a member of the studio", async () => {
  using dir = await directory();
  await withStudioDb(async (db) => {
    const engineer = await createEngineer(
      db,
      {
        name: "Sam Ortiz",
        email: " Sam@Example.com ",
        staffId: dir.sam.id,
        hourlyRate: 3500,
        dayRate: 25000,
        workingHours: [{ weekday: 2, open: "10:00", close: "19:00" }],
      },
      ACTING,
      dir.staff,
    );
    assert.ok(isId(engineer.id, "eng"));
    assert.equal(engineer.email, "sam@example.com");
    assert.equal(engineer.staffId, dir.sam.id);
    assert.deepEqual(await getEngineer(db, engineer.id), engineer);
    const [entry] = await listAudit(db);
    assert.equal(entry.action, "engineer.created");
    assert.deepEqual(entry.changes!.staffId, { after: dir.sam.id });
  });
});

Deno.test("only a member of the studio can be linked, and to one engineer only", async () => {
  using dir = await directory();
  await withStudioDb(async (db) => {
    const outsider = await refusal(
      createEngineer(db, { name: "Eve", staffId: dir.outsider.id }, ACTING, dir.staff),
    );
    assert.equal(outsider.fields.staffId, "Choose a member of the studio.");
    await createEngineer(db, { name: "Sam", staffId: dir.sam.id }, ACTING, dir.staff);
    const twice = await refusal(
      createEngineer(db, { name: "Sam again", staffId: dir.sam.id }, ACTING, dir.staff),
    );
    assert.equal(twice.fields.staffId, "This account is already linked to Sam.");
    const freelancer = await createEngineer(db, { name: "Lou", staffId: "" }, ACTING, dir.staff);
    assert.equal(freelancer.staffId, null, "no account");
    assert.equal((await listEngineers(db)).length, 2);
  });
});

Deno.test("an update may keep the link of a member who left; changing the link checks it again", async () => {
  using dir = await directory();
  await withStudioDb(async (db) => {
    const engineer = await createEngineer(db, { name: "Sam", staffId: dir.sam.id }, ACTING, dir.staff);
    await removeMembership(dir.kv, dir.tenantId, dir.sam.id);
    const renamed = await updateEngineer(
      db,
      engineer.id,
      { name: "Sam O.", staffId: dir.sam.id },
      ACTING,
      dir.staff,
    );
    assert.equal(renamed.name, "Sam O.");
    await refusal(updateEngineer(db, engineer.id, { staffId: dir.outsider.id }, ACTING, dir.staff));
    const relinked = await updateEngineer(db, engineer.id, { staffId: dir.ana.id }, ACTING, dir.staff);
    assert.equal(relinked.staffId, dir.ana.id);
    const unlinked = await updateEngineer(db, engineer.id, { staffId: null }, ACTING, dir.staff);
    assert.equal(unlinked.staffId, null);
    const [entry] = await listAudit(db, { action: "engineer.updated" });
    assert.deepEqual(entry.changes, { staffId: { before: dir.ana.id, after: null } });
  });
});

Deno.test("the account choice lists the studio's members by name", async () => {
  using dir = await directory();
  assert.deepEqual((await linkableStaff(dir.kv, dir.tenantId)).map((p) => p.name), ["Ana Lima", "Sam Ortiz"]);
});

Deno.test("an engineer no session named is deleted with their time off; a booked one is only deactivated", async () => {
  using dir = await directory();
  await withStudioDb(async (db) => {
    const unused = await createEngineer(db, { name: "Temp" }, ACTING, dir.staff);
    await addTimeOff(
      db,
      { engineerId: unused.id, startsAt: hoursFromNow(1), endsAt: hoursFromNow(5) },
      ACTING,
    );
    await deleteEngineer(db, unused.id, ACTING);
    assert.deepEqual(await listTimeOff(db, unused.id), []);

    const room = await createRoom(db, { name: "Studio A" }, ACTING);
    const booked = await createEngineer(db, { name: "Sam" }, ACTING, dir.staff);
    await insertSession(db, {
      roomId: room.id,
      engineerId: booked.id,
      start: hoursFromNow(2),
      end: hoursFromNow(4),
    });
    assert.equal(await upcomingEngineerSessions(db, booked.id), 1);
    await assert.rejects(deleteEngineer(db, booked.id, ACTING), ResourceConflictError);
    await setEngineerActive(db, booked.id, false, ACTING);
    assert.deepEqual(await listEngineers(db), []);
    assert.equal((await listEngineers(db, { includeInactive: true }))[0].active, false);
    assert.equal((await listAudit(db))[0].action, "engineer.deactivated");
  });
});

import assert from "node:assert/strict";
import { listAudit } from "../audit/audit.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { openKv } from "../kv/open.ts";
import { ACTING, hoursFromNow } from "../testing/resource_fixtures.ts";
import { withStudioDb } from "../testing/scheduling_fixtures.ts";
import { createEngineer, studioStaff } from "./engineers.ts";
import { spanInstants } from "./local_span.ts";
import { addTimeOff, listTimeOff, removeTimeOff } from "./time_off.ts";

Deno.test("an engineer's time off is recorded in the studio's zone, listed, and removed through them only", async () => {
  const kv = await openKv(":memory:");
  try {
    await withStudioDb(async (db) => {
      const staff = studioStaff(kv, "t_studio");
      const sam = await createEngineer(db, { name: "Sam" }, ACTING, staff);
      const lou = await createEngineer(db, { name: "Lou" }, ACTING, staff);
      const tour = spanInstants(
        { kind: "times", start: "2027-06-01T14:00", end: "2027-06-03T12:00" },
        "America/New_York",
      );
      const off = await addTimeOff(db, { engineerId: sam.id, ...tour, reason: " Tour " }, ACTING);
      assert.equal(off.startsAt.toISOString(), "2027-06-01T18:00:00.000Z");
      assert.equal(off.reason, "Tour");
      const past = await addTimeOff(db, {
        engineerId: sam.id,
        startsAt: hoursFromNow(-9),
        endsAt: hoursFromNow(-8),
      }, ACTING);
      assert.deepEqual(
        (await listTimeOff(db, sam.id)).map((o) => o.id),
        [past.id, off.id],
      );
      assert.deepEqual((await listTimeOff(db, sam.id, { endingAfter: new Date() })).map((o) => o.id), [
        off.id,
      ]);
      assert.deepEqual(await listTimeOff(db, lou.id), []);

      await assert.rejects(removeTimeOff(db, off.id, lou.id, ACTING), NotFoundError);
      await removeTimeOff(db, off.id, sam.id, ACTING);
      assert.deepEqual((await listAudit(db)).slice(0, 3).map((e) => e.action), [
        "time_off.deleted",
        "time_off.created",
        "time_off.created",
      ]);
    });
  } finally {
    kv.close();
  }
});

Deno.test("time off must end after it starts and belong to an engineer of the studio", async () => {
  await withStudioDb(async (db) => {
    const unknown = await addTimeOff(db, {
      engineerId: "eng_x",
      startsAt: hoursFromNow(1),
      endsAt: hoursFromNow(2),
    }, ACTING)
      .catch((e) => e);
    assert.ok(unknown instanceof ValidationError);
    assert.equal(unknown.fields.engineerId, "Choose an engineer of the studio.");
    const backwards = await addTimeOff(db, {
      engineerId: "eng_x",
      startsAt: hoursFromNow(2),
      endsAt: hoursFromNow(2),
    }, ACTING)
      .catch((e) => e);
    assert.ok(backwards.fields.endsAt);
  });
});

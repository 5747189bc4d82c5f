import assert from "node:assert/strict";
import { gear, rooms } from "../../db/schema/mod.ts";
import { ValidationError } from "../errors.ts";
import { insertSession } from "../testing/resource_fixtures.ts";
import { withStudioDb } from "../testing/scheduling_fixtures.ts";
import { problem, ResourceConflictError } from "./resource_validation.ts";
import { guardedWrite } from "./resource_writes.ts";

// The modules check names and references before writing; these are the violations a concurrent
// writer causes between that check and the write, which the database still refuses.
Deno.test("a unique violation the checks could not see becomes the field error they would have given", async () => {
  await withStudioDb(async (db) => {
    await db.insert(rooms).values({ id: "room_1", name: "Studio A" });
    const err = await guardedWrite(
      () => db.insert(rooms).values({ id: "room_2", name: "Studio A" }),
      { rooms_name_unique: { field: "name", id: "rooms.error.name_taken", params: { name: "Studio A" } } },
    ).catch((e) => e);
    assert.ok(err instanceof ValidationError);
    assert.equal(err.fields.name, "Another room is already called “Studio A”.");
  });
});

Deno.test("a foreign-key violation is the conflict the caller names; other errors pass through", async () => {
  await withStudioDb(async (db) => {
    await db.insert(rooms).values({ id: "room_1", name: "Studio A" });
    await insertSession(db, { roomId: "room_1", start: new Date(0), end: new Date(3_600_000) });
    const inUse = () => new ResourceConflictError(problem("rooms.error.in_use"));
    const conflict = await guardedWrite(() => db.delete(rooms), {}, inUse).catch((e) => e);
    assert.ok(conflict instanceof ResourceConflictError);
    const other = await guardedWrite(
      () => db.insert(gear).values({ id: "g", name: "x", quantity: -1 }),
      {},
      inUse,
    )
      .catch((e) => e);
    assert.ok(!(other instanceof ValidationError) && !(other instanceof ResourceConflictError));
  });
});

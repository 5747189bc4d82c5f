import assert from "node:assert/strict";
import { eq, sql } from "drizzle-orm";
import { clients, rooms } from "../../db/schema/mod.ts";
import { insertClient, withStudioDb } from "../testing/scheduling_fixtures.ts";
import { ReusableSelect, ReusableSelects } from "./reusable_select.ts";

Deno.test("a nested selection is refused: its rows would need drizzle's join bookkeeping", async () => {
  const nested = new ReusableSelect((qb) =>
    qb.select({ room: rooms, id: clients.id }).from(clients).innerJoin(rooms, sql`true`)
  );
  await assert.rejects(nested.run({} as never, {}), /flat selections: "room"/);
});

Deno.test("shapes past the limit are built for each run and still answer", async () => {
  await withStudioDb(async (db) => {
    const ada = await insertClient(db, { name: "Ada" });
    const builds: number[] = [];
    const byName = new ReusableSelects((qb, padding: number) => {
      builds.push(padding);
      // The shape changes the text, not the answer.
      return qb.select({ id: clients.id, name: clients.name }).from(clients)
        .where(eq(clients.name, sql`${sql.placeholder("name")}${sql.raw(" || ''".repeat(padding))}`));
    }, 1);
    for (const padding of [0, 1, 0, 1]) {
      assert.deepEqual(await byName.run(db, padding, { name: "Ada" }), [{ id: ada.id, name: "Ada" }]);
    }
    assert.deepEqual(builds, [0, 1, 1], "the first shape is kept; the second, past the limit, is not");
  });
});

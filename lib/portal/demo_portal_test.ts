import assert from "node:assert/strict";
import { withStudioDb } from "../testing/scheduling_fixtures.ts";
import { insertEngineer, insertRoom } from "../testing/scheduling_fixtures.ts";
import { seedDemoPortal } from "./demo_portal.ts";
import { listOffers } from "./offers.ts";
import { offerInputSchema } from "./offers.ts";

Deno.test("the demo gets two bookable offers once, with rooms and an engineer when it has none", async () => {
  await withStudioDb(async (db) => {
    assert.equal(await seedDemoPortal(db), true);
    assert.equal(await seedDemoPortal(db), false, "written once");
    const offers = await listOffers(db, { activeOnly: true });
    assert.deepEqual(offers.map((o) => o.name), ["Vocal recording — 4 h with engineer", "Mix session"]);
    for (const offer of offers) {
      assert.equal(offerInputSchema.safeParse(offer).success, true, "each passes the form's rules");
      assert.equal(offer.currency, "EUR");
    }
  });
});

Deno.test("a studio with rooms and engineers gets offers on those", async () => {
  await withStudioDb(async (db) => {
    const room = await insertRoom(db, { name: "A room" });
    const engineer = await insertEngineer(db, { name: "Bea" });
    await seedDemoPortal(db);
    const [vocal] = await listOffers(db);
    assert.deepEqual(vocal.roomIds, [room.id]);
    assert.equal(vocal.engineerId, engineer.id);
  });
});

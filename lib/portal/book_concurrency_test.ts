// 50 visitors race for the last free slot through the portal on a real PostgreSQL server: the
// database's exclusion constraints let exactly one through; every other visitor gets a 409.
import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import { bookings } from "../../db/schema/mod.ts";
import { ConflictError } from "../errors.ts";
import { PostgresDriver } from "../tenancy/drivers/postgres.ts";
import { provisionStudio } from "../tenancy/provision.ts";
import { insertOffer, insertOpenRoom } from "../testing/portal_fixtures.ts";
import { startPostgres } from "../testing/postgres_server.ts";
import { testTenancy } from "../testing/test_tenancy.ts";
import { bookOnline } from "./book.ts";

const VISITORS = 50;

Deno.test(`${VISITORS} visitors racing for the last free slot: exactly one booking, the rest get a 409`, async () => {
  await using server = await startPostgres();
  await using tenancy = await testTenancy({
    driver: (migrations) =>
      new PostgresDriver({ clusters: { eu: server.url }, migrations, maxConnectionsPerTenant: 32 }),
  });
  const tenant = await provisionStudio(tenancy, {
    slug: "race",
    name: "Race",
    timezone: "Europe/Paris",
    currency: "EUR",
    locale: "en",
  });
  await tenancy.pool.use(tenant.database, async (db) => {
    const room = await insertOpenRoom(db);
    const offer = await insertOffer(db, { roomIds: [room.id] });
    const now = new Date("2026-06-01T08:00:00Z");
    const results = await Promise.allSettled(
      Array.from({ length: VISITORS }, (_, i) =>
        bookOnline(db, offer, {
          minutes: 240,
          start: "2026-06-10T12:00:00.000Z",
          name: `Visitor ${i}`,
          email: `visitor${i}@example.com`,
          phone: "",
          acceptPolicy: true,
        }, {
          now,
          timeZone: "Europe/Paris",
          minNoticeHours: 24,
          horizonDays: 60,
          holdMinutes: 30,
          paymentsOn: false,
        })),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.flatMap((r) => r.status === "rejected" ? [r.reason] : []);
    assert.equal(
      won.length,
      1,
      `exactly one visitor books (${lost.find((e) => !(e instanceof ConflictError))})`,
    );
    for (const err of lost) {
      assert.ok(err instanceof ConflictError, `a loser gets a conflict, not ${err}`);
      assert.equal(err.status, 409);
    }
    const held = await db.select().from(bookings).where(eq(bookings.roomId, room.id));
    assert.equal(held.length, 1, "no half-written booking is left behind by a loser");
  });
});

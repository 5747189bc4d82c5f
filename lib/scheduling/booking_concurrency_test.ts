// Double booking under real concurrency: many connections to a real PostgreSQL server race for the
// same room, engineer or last gear unit; the database lets exactly one through.
import assert from "node:assert/strict";
import type { ActingAs } from "../audit/audit.ts";
import { ConflictError } from "../errors.ts";
import { PostgresDriver } from "../tenancy/drivers/postgres.ts";
import { provisionStudio } from "../tenancy/provision.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { startPostgres } from "../testing/postgres_server.ts";
import { insertEngineer, insertGear, insertRoom } from "../testing/scheduling_fixtures.ts";
import { testTenancy } from "../testing/test_tenancy.ts";
import type { Conflict } from "./booking_conflicts.ts";
import { createBooking } from "./bookings.ts";

const ATTEMPTS = 100;
const acting: ActingAs = { actor: { type: "api_key", id: "key_1", label: "load test" } };
const options = { timeZone: "America/New_York", now: new Date("2026-05-01T12:00:00Z") };
const slot = [{ start: new Date("2026-05-04T14:00:00Z"), end: new Date("2026-05-04T18:00:00Z") }];

async function withPostgresStudio(fn: (db: TenantDb) => Promise<void>) {
  await using server = await startPostgres();
  await using tenancy = await testTenancy({
    driver: (migrations) =>
      new PostgresDriver({ clusters: { eu: server.url }, migrations, maxConnectionsPerTenant: 32 }),
  });
  const tenant = await provisionStudio(tenancy, {
    slug: "racing",
    name: "Racing",
    timezone: options.timeZone,
    currency: "USD",
    locale: "en",
  });
  await tenancy.pool.use(tenant.database, fn);
}

/** Fires every attempt at once; returns the winners and checks every loser is a 409 naming `winner`. */
async function race(attempts: (() => Promise<{ id: string }>)[]) {
  const results = await Promise.allSettled(attempts.map((attempt) => attempt()));
  const won = results.flatMap((r) => r.status === "fulfilled" ? [r.value] : []);
  const lost = results.flatMap((r) => r.status === "rejected" ? [r.reason] : []);
  assert.equal(
    won.length,
    1,
    `exactly one attempt succeeds (got ${won.length}; ${lost.find((e) => !(e instanceof ConflictError))})`,
  );
  for (const err of lost) {
    assert.ok(err instanceof ConflictError, `a loser gets a conflict, not ${err}`);
    assert.equal(err.status, 409);
    const conflicts = err.conflicts as unknown as Conflict[];
    assert.ok(
      conflicts.some((c) => c.bookingId === won[0].id),
      `the 409 names the winning booking: ${err.message}`,
    );
  }
  return { winner: won[0], losers: lost as ConflictError[] };
}

Deno.test(`${ATTEMPTS} parallel attempts at one room slot: exactly one succeeds, the rest get a 409 naming it`, async () => {
  await withPostgresStudio(async (db) => {
    const room = await insertRoom(db, { name: "Studio A", setupMinutes: 15, teardownMinutes: 15 });
    const { losers } = await race(
      Array.from(
        { length: ATTEMPTS },
        (_, i) => () =>
          createBooking(db, { roomId: room.id, title: `Attempt ${i}`, blocks: slot }, acting, options),
      ),
    );
    assert.match(losers[0].message, /^Studio A is booked for “Attempt \d+”/);
  });
});

Deno.test(`${ATTEMPTS} parallel attempts at one engineer in different rooms: exactly one succeeds`, async () => {
  await withPostgresStudio(async (db) => {
    const engineer = await insertEngineer(db, { name: "Sam" });
    const rooms = await Promise.all(Array.from({ length: ATTEMPTS }, () => insertRoom(db)));
    const { losers } = await race(
      rooms.map((room, i) => () =>
        createBooking(
          db,
          { roomId: room.id, title: `Attempt ${i}`, engineerIds: [engineer.id], blocks: slot },
          acting,
          options,
        )
      ),
    );
    assert.ok(losers.every((err) => (err.conflicts as unknown as Conflict[])[0].resource === "engineer"));
  });
});

Deno.test(`${ATTEMPTS} parallel attempts at the last unit of a gear item: exactly one succeeds`, async () => {
  await withPostgresStudio(async (db) => {
    const mics = await insertGear(db, { name: "U87", quantity: 3 });
    const rooms = await Promise.all(Array.from({ length: ATTEMPTS + 1 }, () => insertRoom(db)));
    await createBooking(
      db,
      {
        roomId: rooms[ATTEMPTS].id,
        title: "Already holding two",
        gear: [{ gearId: mics.id, quantity: 2 }],
        blocks: slot,
      },
      acting,
      options,
    );
    const { losers } = await race(
      rooms.slice(0, ATTEMPTS).map((room, i) => () =>
        createBooking(
          db,
          { roomId: room.id, title: `Attempt ${i}`, gear: [{ gearId: mics.id, quantity: 1 }], blocks: slot },
          acting,
          options,
        )
      ),
    );
    assert.ok(
      losers.every((err) => (err.conflicts as unknown as Conflict[]).every((c) => c.reason === "quantity")),
    );
  });
});

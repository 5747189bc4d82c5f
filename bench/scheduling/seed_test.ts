import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { openKv } from "../../lib/kv/open.ts";
import { listSessionBlocks } from "../../lib/scheduling/session_list.ts";
import { addDays, zonedInstant } from "../../lib/scheduling/local_time.ts";
import { loadMigrations, rowsOf } from "../../lib/tenancy/migrations.ts";
import { provisionStudio } from "../../lib/tenancy/provision.ts";
import { startPostgres } from "../../lib/testing/postgres_server.ts";
import { benchStudio, postgresTenancy } from "../tenancy/setup.ts";
import {
  activeBlocksBetween,
  busiestDay,
  busiestWeek,
  checkSeedOptions,
  type SeedOptions,
  seedStudio,
} from "./seed.ts";

const options: SeedOptions = {
  rooms: 6,
  bookings: 600,
  days: 120,
  // Spans the end of summer time in Paris (last Sunday of October).
  firstDate: "2026-09-01",
  zone: "Europe/Paris",
  engineers: 3,
  gear: 2,
  clients: 20,
  now: new Date("2026-10-15T12:00:00Z"),
};

Deno.test("the seed lays out bookings the database accepts, and counts them as the pages do", async () => {
  await using server = await startPostgres();
  using kv = await openKv(":memory:");
  await using tenancy = postgresTenancy(server.url, {
    kv,
    migrations: await loadMigrations(),
    poolSize: 2,
    connectionsPerTenant: 2,
  });
  const tenant = await provisionStudio(tenancy, benchStudio(1, "seed"));
  await tenancy.pool.use(tenant.database, async (db) => {
    const figures = await seedStudio(db, options);
    assert.equal(figures.bookings, 600);
    assert.equal(figures.rooms, 6);
    // Every fifth booking of a room whose slot is not the day's last has a second block.
    assert.ok(figures.blocks > 600 && figures.blocks <= 600 * 1.2, String(figures.blocks));
    assert.ok(figures.engineerReservations > 0 && figures.gearReservations > 0);

    const [check] = rowsOf<Record<string, number>>(
      await db.execute(sql`SELECT
        (SELECT count(*)::int FROM booking_blocks bb JOIN bookings b ON b.id = bb.booking_id
          WHERE bb.blocking <> (b.status IN ('hold', 'confirmed', 'in_progress', 'completed'))) AS wrong_blocking,
        (SELECT count(*)::int FROM bookings WHERE status = 'hold' AND hold_expires_at <= ${options.now.toISOString()}::timestamptz) AS lapsed_holds,
        (SELECT count(*)::int FROM booking_blocks
          WHERE to_char(starts_at AT TIME ZONE 'Europe/Paris', 'HH24:MI') NOT IN ('09:00', '14:00', '19:00')) AS off_grid,
        (SELECT count(DISTINCT status)::int FROM bookings) AS statuses`),
    );
    assert.deepEqual(check, { wrong_blocking: 0, lapsed_holds: 0, off_grid: 0, statuses: 5 });

    // The benchmark's expected counts agree with the query the pages run.
    const all = {
      first: options.firstDate,
      afterLast: addDays(options.firstDate, options.days),
      zone: options.zone,
    };
    const monday = await busiestWeek(db, figures.roomIds[0], all);
    const week = {
      first: monday,
      afterLast: addDays(monday, 7),
      zone: options.zone,
      room: figures.roomIds[0],
    };
    const rows = await listSessionBlocks(db, {
      from: zonedInstant(week.first, "00:00", week.zone)!,
      to: zonedInstant(week.afterLast, "00:00", week.zone)!,
      roomId: week.room,
      limit: 5000,
    });
    assert.ok(rows.length > 0);
    assert.equal(await activeBlocksBetween(db, week), rows.length);
    const day = await busiestDay(db, all);
    const dayRows = await listSessionBlocks(db, {
      from: zonedInstant(day, "00:00", options.zone)!,
      to: zonedInstant(addDays(day, 1), "00:00", options.zone)!,
      limit: 5000,
    });
    assert.equal(
      await activeBlocksBetween(db, { first: day, afterLast: addDays(day, 1), zone: options.zone }),
      dayRows.length,
    );
  });
});

Deno.test("a seed that cannot be laid out without overlap is refused before touching the database", () => {
  assert.throws(() => checkSeedOptions({ ...options, bookings: 20_000, rooms: 20, days: 100 }), RangeError);
  assert.throws(() => checkSeedOptions({ ...options, engineers: 5, gear: 2 }), /engineers \+ gear/);
  checkSeedOptions({ ...options, bookings: 20_000, rooms: 20, days: 730 });
});

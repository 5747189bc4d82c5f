// A large studio for the scheduling benchmarks, seeded with set-based SQL (INSERT … SELECT over
// generate_series) in one transaction: 20,000 createBooking() calls would take minutes and measure
// the write path instead of the pages. Every row is one the app could have written: buffered
// ranges, `blocking` from the status, no overlap per room or engineer, gear within its quantity —
// the exclusion constraints and the gear trigger check the seed as they check the app.
import { sql } from "drizzle-orm";
import { rowsOf } from "../../lib/tenancy/migrations.ts";
import type { TenantDb } from "../../lib/tenancy/tenant_db.ts";
import { zonedInstant } from "../../lib/scheduling/local_time.ts";
import { ACTIVE_STATUSES } from "../../lib/scheduling/session_list.ts";

export interface SeedOptions {
  rooms: number;
  bookings: number;
  /** Days covered, starting at `firstDate`; the studio's sessions fall in three local slots a day. */
  days: number;
  /** Local date of the first day ("YYYY-MM-DD"). */
  firstDate: string;
  zone: string;
  /** Engineers, each working one room of their own (so they never overlap), on 2 sessions in 3. */
  engineers: number;
  /** Gear items of 2 units, each lent in one room of its own, with 1 session in 4. */
  gear: number;
  clients: number;
  now: Date;
}

export interface SeedFigures {
  ms: number;
  rooms: number;
  bookings: number;
  blocks: number;
  blockingBlocks: number;
  engineerReservations: number;
  gearReservations: number;
  clients: number;
  /** Room ids in room-number order: `room_01` … */
  roomIds: string[];
  /** Engineer of room i is engineerIds[i] (for i < engineers). */
  engineerIds: string[];
}

/** Local session slots of a day: 09–13, 14–18, 19–23, an hour apart for buffers of up to 60 min. */
export const SLOT_STARTS = [9, 14, 19] as const;
export const SLOT_HOURS = 4;

export const roomId = (i: number) => `room_${String(i + 1).padStart(2, "0")}`;
export const engineerId = (i: number) => `eng_${String(i + 1).padStart(2, "0")}`;
export const gearId = (i: number) => `gear_${String(i + 1).padStart(2, "0")}`;

/**
 * Setup and teardown minutes of room `i`: 0/15/30 before, 15/30 after. Two neighbouring slots'
 * buffers add up to at most the hour between them, so seeded sessions never touch each other.
 */
export const roomBuffers = (i: number) => ({ setup: (i % 3) * 15, teardown: 15 * (1 + (i % 2)) });

/**
 * Checks the options can be laid out without overlap: each room's k-th booking takes slot
 * ⌊k·S/K⌋ (+1 in odd rooms) of its S = 3·days slots, so consecutive bookings of a room are at least
 * two slots apart when S ≥ 2K — which leaves the next slot free for a second block.
 */
export function checkSeedOptions(o: SeedOptions): void {
  const perRoom = Math.ceil(o.bookings / o.rooms);
  const slots = o.days * SLOT_STARTS.length;
  if (slots < 2 * perRoom) {
    throw new RangeError(
      `${o.bookings} bookings in ${o.rooms} rooms need at least ${
        Math.ceil(2 * perRoom / 3)
      } days, got ${o.days}`,
    );
  }
  if (o.engineers + o.gear > o.rooms) throw new RangeError("engineers + gear must not exceed rooms");
  if (o.rooms > 99 || o.engineers > 99 || o.gear > 99) {
    throw new RangeError("at most 99 rooms, engineers, gear");
  }
  if (!zonedInstant(o.firstDate, "00:00", o.zone)) throw new RangeError(`bad firstDate/zone: ${o.firstDate}`);
}

/** Seeds the studio's database; the tables must be empty. Runs ANALYZE afterwards, as autovacuum would. */
export async function seedStudio(db: TenantDb, o: SeedOptions): Promise<SeedFigures> {
  checkSeedOptions(o);
  const started = performance.now();
  const perRoom = Math.ceil(o.bookings / o.rooms);
  const slots = o.days * SLOT_STARTS.length;
  const now = sql`${o.now.toISOString()}::timestamptz`;
  const zone = sql`${o.zone}::text`;
  const active = activeList();
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      INSERT INTO clients (id, kind, name, email)
      SELECT 'cli_' || lpad(i::text, 4, '0'), 'band', 'Client ' || lpad(i::text, 4, '0'),
        'client' || i || '@bench.example'
      FROM generate_series(1, ${o.clients}::int) i`);
    await tx.execute(sql`
      INSERT INTO rooms (id, name, kind, colour, setup_minutes, teardown_minutes, hourly_rate)
      SELECT 'room_' || lpad((i + 1)::text, 2, '0'), 'Room ' || lpad((i + 1)::text, 2, '0'), 'live',
        '#' || lpad(to_hex((i * 2654435) % 16777216), 6, '0'), (i % 3) * 15, 15 * (1 + i % 2), 5000
      FROM generate_series(0, ${o.rooms}::int - 1) i`);
    await tx.execute(sql`
      INSERT INTO engineers (id, name, hourly_rate)
      SELECT 'eng_' || lpad((i + 1)::text, 2, '0'), 'Engineer ' || lpad((i + 1)::text, 2, '0'), 3000
      FROM generate_series(0, ${o.engineers}::int - 1) i`);
    await tx.execute(sql`
      INSERT INTO gear (id, name, quantity, fee)
      SELECT 'gear_' || lpad((i + 1)::text, 2, '0'), 'Microphone ' || lpad((i + 1)::text, 2, '0'), 2, 1500
      FROM generate_series(0, ${o.gear}::int - 1) i`);

    // One row per booking: its room, its first slot and whether it has a second block (the next
    // slot of the same day, always free: see checkSeedOptions).
    await tx.execute(sql`
      CREATE TEMP TABLE bench_plan ON COMMIT DROP AS
      SELECT n, 'bkg_seed_' || lpad(n::text, 6, '0') AS id, n % ${o.rooms}::int AS room_no, slot,
        (n / ${o.rooms}::int) % 5 = 0 AND slot % 3 < 2 AS two_blocks,
        ((${o.firstDate}::date + slot / 3) + make_interval(hours => (ARRAY[9, 14, 19])[slot % 3 + 1]))
          AT TIME ZONE ${zone} AS starts_at
      FROM (
        SELECT n, (n / ${o.rooms}::int) * ${slots}::int / ${perRoom}::int + (n % ${o.rooms}::int) % 2 AS slot
        FROM generate_series(0, ${o.bookings}::int - 1) n
      ) s`);
    // Past sessions are completed (a few cancelled or no-shows); future ones confirmed, one in ten
    // a hold that has not lapsed, a few cancelled.
    await tx.execute(sql`
      INSERT INTO bookings (id, client_id, room_id, title, status, hold_expires_at, source, notes,
        created_at, updated_at, cancelled_at)
      SELECT id,
        CASE WHEN n % 10 = 9 THEN NULL ELSE 'cli_' || lpad(((n * 7) % ${o.clients}::int + 1)::text, 4, '0') END,
        'room_' || lpad((room_no + 1)::text, 2, '0'),
        'Session ' || n,
        status,
        CASE WHEN status = 'hold' THEN ${now} + interval '30 days' END,
        'staff',
        CASE WHEN n % 4 = 0 THEN 'Bring the tape machine warmed up.' END,
        ${now}, ${now},
        CASE WHEN status = 'cancelled' THEN ${now} END
      FROM (
        SELECT *, CASE
          WHEN starts_at < ${now} THEN
            CASE n % 20 WHEN 1 THEN 'cancelled' WHEN 2 THEN 'no_show' ELSE 'completed' END
          ELSE CASE WHEN n % 10 = 0 THEN 'hold' WHEN n % 20 = 1 THEN 'cancelled' ELSE 'confirmed' END
        END AS status
        FROM bench_plan
      ) p`);
    await tx.execute(sql`
      INSERT INTO booking_blocks (id, booking_id, room_id, starts_at, ends_at, blocked_from, blocked_until, blocking)
      SELECT 'blk_seed_' || lpad(p.n::text, 6, '0') || '_' || part, p.id, b.room_id, t.starts_at, t.ends_at,
        t.starts_at - make_interval(mins => r.setup_minutes), t.ends_at + make_interval(mins => r.teardown_minutes),
        b.status IN (${active})
      FROM bench_plan p
      JOIN bookings b ON b.id = p.id
      JOIN rooms r ON r.id = b.room_id
      CROSS JOIN LATERAL generate_series(0, CASE WHEN p.two_blocks THEN 1 ELSE 0 END) part
      CROSS JOIN LATERAL (
        SELECT ((${o.firstDate}::date + (p.slot + part) / 3)
            + make_interval(hours => (ARRAY[9, 14, 19])[(p.slot + part) % 3 + 1])) AT TIME ZONE ${zone} AS starts_at,
          ((${o.firstDate}::date + (p.slot + part) / 3)
            + make_interval(hours => (ARRAY[9, 14, 19])[(p.slot + part) % 3 + 1] + ${SLOT_HOURS}::int))
            AT TIME ZONE ${zone} AS ends_at
      ) t`);
    await tx.execute(sql`
      INSERT INTO engineer_reservations (block_id, engineer_id, booking_id, blocked_from, blocked_until, blocking)
      SELECT bb.id, 'eng_' || lpad((p.room_no + 1)::text, 2, '0'), bb.booking_id, bb.blocked_from,
        bb.blocked_until, bb.blocking
      FROM booking_blocks bb JOIN bench_plan p ON p.id = bb.booking_id
      WHERE p.room_no < ${o.engineers}::int AND p.n % 3 <> 0`);
    // The quantity trigger runs for each of these rows, as it would for the app's inserts.
    await tx.execute(sql`
      INSERT INTO gear_reservations (block_id, gear_id, booking_id, quantity, blocked_from, blocked_until, blocking)
      SELECT bb.id, 'gear_' || lpad((${o.rooms}::int - p.room_no)::text, 2, '0'), bb.booking_id, 1,
        bb.blocked_from, bb.blocked_until, bb.blocking
      FROM booking_blocks bb JOIN bench_plan p ON p.id = bb.booking_id
      WHERE p.room_no >= ${o.rooms - o.gear}::int AND p.n % 4 = 0`);
  });
  await db.execute(sql`ANALYZE`);
  const [counts] = rowsOf<Record<string, number>>(
    await db.execute(sql`SELECT
      (SELECT count(*)::int FROM rooms) AS rooms,
      (SELECT count(*)::int FROM bookings) AS bookings,
      (SELECT count(*)::int FROM booking_blocks) AS blocks,
      (SELECT count(*)::int FROM booking_blocks WHERE blocking) AS blocking_blocks,
      (SELECT count(*)::int FROM engineer_reservations) AS engineer_reservations,
      (SELECT count(*)::int FROM gear_reservations) AS gear_reservations,
      (SELECT count(*)::int FROM clients) AS clients`),
  );
  return {
    ms: Math.round(performance.now() - started),
    rooms: counts.rooms,
    bookings: counts.bookings,
    blocks: counts.blocks,
    blockingBlocks: counts.blocking_blocks,
    engineerReservations: counts.engineer_reservations,
    gearReservations: counts.gear_reservations,
    clients: counts.clients,
    roomIds: Array.from({ length: o.rooms }, (_, i) => roomId(i)),
    engineerIds: Array.from({ length: o.engineers }, (_, i) => engineerId(i)),
  };
}

/** Local dates [first, afterLast) in a zone: where to look for a busy week or day. */
export interface LocalDates {
  first: string;
  afterLast: string;
  zone: string;
}

/**
 * The Monday (local) of the week, among those starting in `within`, in which `room` has the most
 * active blocks (the earliest of equals).
 */
export async function busiestWeek(db: TenantDb, room: string, within: LocalDates): Promise<string> {
  const [row] = rowsOf<{ monday: string }>(
    await db.execute(sql`
      SELECT to_char(date_trunc('week', bb.starts_at AT TIME ZONE ${within.zone}::text), 'YYYY-MM-DD') AS monday
      FROM booking_blocks bb JOIN bookings b ON b.id = bb.booking_id
      WHERE bb.room_id = ${room} AND b.status IN (${activeList()}) AND ${inDates(within)}
      GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`),
  );
  return row.monday;
}

/** The local date in `within` with the most active blocks across all rooms (the earliest of equals). */
export async function busiestDay(db: TenantDb, within: LocalDates): Promise<string> {
  const [row] = rowsOf<{ day: string }>(
    await db.execute(sql`
      SELECT to_char(bb.starts_at AT TIME ZONE ${within.zone}::text, 'YYYY-MM-DD') AS day
      FROM booking_blocks bb JOIN bookings b ON b.id = bb.booking_id
      WHERE b.status IN (${activeList()}) AND ${inDates(within)}
      GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`),
  );
  return row.day;
}

const activeList = () => sql.join(ACTIVE_STATUSES.map((s) => sql`${s}`), sql`, `);

const inDates = ({ first, afterLast, zone }: LocalDates) =>
  sql`bb.starts_at >= ${zonedInstant(first, "00:00", zone)!.toISOString()}::timestamptz
    AND bb.starts_at < ${zonedInstant(afterLast, "00:00", zone)!.toISOString()}::timestamptz`;

/**
 * Active blocks overlapping the local dates [first, afterLast) — optionally of one room — as the
 * calendar and the sessions list select them: what a page must show.
 */
export async function activeBlocksBetween(
  db: TenantDb,
  window: { first: string; afterLast: string; zone: string; room?: string },
): Promise<number> {
  const from = zonedInstant(window.first, "00:00", window.zone)!;
  const to = zonedInstant(window.afterLast, "00:00", window.zone)!;
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`
      SELECT count(*)::int AS n FROM booking_blocks bb JOIN bookings b ON b.id = bb.booking_id
      WHERE bb.starts_at < ${to.toISOString()}::timestamptz AND bb.ends_at > ${from.toISOString()}::timestamptz
        AND b.status IN (${activeList()}) ${window.room ? sql`AND bb.room_id = ${window.room}` : sql``}`),
  );
  return row.n;
}

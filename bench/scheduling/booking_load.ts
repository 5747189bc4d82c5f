// Target 3: POST /api/v1/bookings from 32 concurrent clients, each request a distinct slot, then an
// audit of the studio's database against the answers: every 201 is one row, every row had a 201,
// no slot twice. A few requests deliberately ask again for a slot already booked: those must be
// 409s that write nothing.
import { median, percentile, round } from "../tenancy/measure.ts";
import type { AppServer } from "./app_server.ts";
import { cpuPer, type CpuShare, readCpu } from "./cpu_meter.ts";
import { progress } from "./progress.ts";

/** The slots the benchmark books: one room each, distinct, never overlapping with buffers. */
export interface SlotPlan {
  roomIds: string[];
  /** engineerIds[i] works room i only (so engineers never overlap either). */
  engineerIds: string[];
  /** No seeded session from here on. */
  from: Date;
}

/** Sessions of 2 h every 3 h per room: the gap covers the largest buffers (30 + 30 min). */
export const SLOT_STRIDE_MS = 3 * 3_600_000;
export const SLOT_LENGTH_MS = 2 * 3_600_000;

/** The n-th fresh slot (0-based): rooms in turn, then the next time step. */
export function slotOf(plan: SlotPlan, n: number) {
  const room = n % plan.roomIds.length;
  const start = new Date(plan.from.getTime() + Math.floor(n / plan.roomIds.length) * SLOT_STRIDE_MS);
  return {
    roomId: plan.roomIds[room],
    engineerIds: room < plan.engineerIds.length ? [plan.engineerIds[room]] : [],
    start,
    end: new Date(start.getTime() + SLOT_LENGTH_MS),
  };
}

export interface BookingLoadFigures {
  clients: number;
  seconds: number;
  durationS: number;
  requests: number;
  created: number;
  bookingsPerSecond: number;
  /** Deliberate repeats of a booked slot (1 request in `conflictEvery`), and how they were answered. */
  conflictEvery: number;
  deliberateConflicts: number;
  conflictsAnswered409: number;
  /** Anything else that was not a 201 (status → count), with a sample body. */
  unexpected: Record<string, number>;
  unexpectedSample?: string;
  latency: { medianMs: number; p99Ms: number; maxMs: number };
  /** CPU per created booking: app server, PostgreSQL, the clients (this process); machine busy share. */
  cpuPerBooking: CpuShare;
}

export interface CreatedBooking {
  id: string;
  roomId: string;
  start: string;
}

/** Runs the clients for `seconds`; returns the figures and every booking a 201 confirmed. */
export async function createBookingsUnderLoad(
  app: AppServer,
  options: {
    base: string;
    /** One API key per client. */
    tokens: string[];
    plan: SlotPlan;
    seconds: number;
    /** Every n-th request repeats a booked slot. */
    conflictEvery: number;
    postgresDataDir: string;
  },
): Promise<{ figures: BookingLoadFigures; created: CreatedBooking[] }> {
  const url = `${app.origin}${options.base}/api/v1/bookings`;
  const created: CreatedBooking[] = [];
  const latencies: number[] = [];
  const unexpected: Record<string, number> = {};
  let unexpectedSample: string | undefined;
  let requests = 0;
  let fresh = 0;
  let deliberate = 0;
  let deliberate409 = 0;
  const deadline = performance.now() + options.seconds * 1000;

  const client = async (token: string) => {
    while (performance.now() < deadline) {
      const n = requests++;
      const repeat = n % options.conflictEvery === options.conflictEvery - 1 && created.length > 0;
      const slot = repeat ? created[Math.floor(Math.random() * created.length)] : undefined;
      const body = slot
        ? {
          roomId: slot.roomId,
          title: `Repeat of ${slot.id}`,
          blocks: [{
            start: slot.start,
            end: new Date(Date.parse(slot.start) + SLOT_LENGTH_MS).toISOString(),
          }],
        }
        : (() => {
          const s = slotOf(options.plan, fresh++);
          return {
            roomId: s.roomId,
            title: `API booking ${n}`,
            engineerIds: s.engineerIds,
            blocks: [{ start: s.start.toISOString(), end: s.end.toISOString() }],
          };
        })();
      const started = performance.now();
      let res: Response;
      let text: string;
      try {
        res = await fetch(url, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify(body),
        });
        text = await res.text();
      } catch (err) {
        // The server may still have committed it: the database audit counts such a row as unconfirmed.
        unexpected["network error"] = (unexpected["network error"] ?? 0) + 1;
        unexpectedSample ??= String(err);
        continue;
      }
      latencies.push(performance.now() - started);
      if (slot) {
        deliberate++;
        if (res.status === 409) deliberate409++;
        else {
          unexpected[`repeat ${res.status}`] = (unexpected[`repeat ${res.status}`] ?? 0) + 1;
          unexpectedSample ??= text.slice(0, 500);
        }
      } else if (res.status === 201) {
        const booking = JSON.parse(text);
        created.push({ id: booking.id, roomId: booking.room.id, start: booking.blocks[0].start });
      } else {
        unexpected[String(res.status)] = (unexpected[String(res.status)] ?? 0) + 1;
        unexpectedSample ??= text.slice(0, 500);
      }
    }
  };

  const cpuBefore = readCpu(app.pid, options.postgresDataDir);
  const ticker = setInterval(() => progress(`create bookings: ${created.length} created`), 5_000);
  const started = performance.now();
  try {
    await Promise.all(options.tokens.map(client));
  } finally {
    clearInterval(ticker);
  }
  const durationS = (performance.now() - started) / 1000;
  const cpu = cpuPer(cpuBefore, readCpu(app.pid, options.postgresDataDir), created.length);
  return {
    figures: {
      clients: options.tokens.length,
      seconds: options.seconds,
      durationS: round(durationS, 2),
      requests,
      created: created.length,
      bookingsPerSecond: round(created.length / durationS),
      conflictEvery: options.conflictEvery,
      deliberateConflicts: deliberate,
      conflictsAnswered409: deliberate409,
      unexpected,
      unexpectedSample,
      latency: {
        medianMs: round(median(latencies), 1),
        p99Ms: round(percentile(latencies, 99), 1),
        maxMs: round(Math.max(...latencies), 1),
      },
      cpuPerBooking: cpu,
    },
    created,
  };
}

export interface BookingAudit {
  /** Bookings the API wrote (source "api"), by the database. */
  rows: number;
  /** 201s whose booking is not in the database. */
  lost: number;
  /** Rows no 201 announced. */
  unconfirmed: number;
  /** The same booking id in two 201s. */
  duplicateAnswers: number;
  /** Room-and-start pairs held by more than one API booking. */
  duplicateSlots: number;
  /** Rows whose booking.created audit entry is missing (it is written in the same transaction). */
  missingAuditEntries: number;
}

/** Compares the database with the 201 answers. */
export async function auditCreatedBookings(
  query: <T>(text: string) => Promise<T[]>,
  created: CreatedBooking[],
): Promise<BookingAudit> {
  const rows = await query<{ id: string; room_id: string; starts_at: Date }>(
    `SELECT b.id, bb.room_id, bb.starts_at FROM bookings b JOIN booking_blocks bb ON bb.booking_id = b.id
     WHERE b.source = 'api'`,
  );
  const [{ missing }] = await query<{ missing: number }>(
    `SELECT count(*)::int AS missing FROM bookings b WHERE b.source = 'api' AND NOT EXISTS (
       SELECT 1 FROM audit_log a WHERE a.entity_type = 'booking' AND a.entity_id = b.id
         AND a.action = 'booking.created')`,
  );
  const inDatabase = new Set(rows.map((r) => r.id));
  const answered = new Set(created.map((c) => c.id));
  const slots = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.room_id}@${new Date(r.starts_at).toISOString()}`;
    slots.set(key, (slots.get(key) ?? 0) + 1);
  }
  return {
    rows: inDatabase.size,
    lost: [...answered].filter((id) => !inDatabase.has(id)).length,
    unconfirmed: [...inDatabase].filter((id) => !answered.has(id)).length,
    duplicateAnswers: created.length - answered.size,
    duplicateSlots: [...slots.values()].filter((n) => n > 1).length,
    missingAuditEntries: missing,
  };
}

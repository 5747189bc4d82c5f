// Where the pages' and the booking API's database time goes: the app's own query functions, run on
// a connection with auto_explain loaded, so the plans are those of the exact SQL Drizzle sends
// (EXPLAIN ANALYZE, buffers), reported back as notices.
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "../../db/schema/mod.ts";
import { findConflicts } from "../../lib/scheduling/booking_conflicts.ts";
import { loadBookingResources } from "../../lib/scheduling/booking_resources.ts";
import { bufferedSpans } from "../../lib/scheduling/booking_rows.ts";
import { listSessionBlocks, type SessionFilter } from "../../lib/scheduling/session_list.ts";
import type { TenantDb } from "../../lib/tenancy/tenant_db.ts";
import { median, round } from "../tenancy/measure.ts";

export interface QueryPlan {
  name: string;
  /** Execution time by auto_explain, median of the runs after the first. */
  medianMs: number;
  /** The last run's plan, without the query text. */
  plans: string[];
}

export type ExplainTarget =
  | { name: string; kind: "sessions"; filter: SessionFilter }
  | {
    name: string;
    kind: "conflicts";
    booking: { roomId: string; engineerIds: string[]; blocks: { start: Date; end: Date }[] };
  };

/** Runs each target `runs` times on one connection of its own to `database` and collects the plans. */
export async function explainQueries(
  clusterUrl: string,
  database: string,
  targets: ExplainTarget[],
  runs = 5,
): Promise<QueryPlan[]> {
  let notices: string[] = [];
  const client = postgres(clusterUrl, {
    database,
    max: 1,
    onnotice: (notice) => notices.push(String(notice.message)),
  });
  try {
    const db = drizzle(client, { schema }) as unknown as TenantDb;
    // A superuser may LOAD it per session; nothing is configured on the server.
    await db.execute(sql`LOAD 'auto_explain'`);
    await db.execute(sql`SET auto_explain.log_min_duration = 0`);
    await db.execute(sql`SET auto_explain.log_analyze = on`);
    await db.execute(sql`SET auto_explain.log_buffers = on`);
    await db.execute(sql`SET auto_explain.log_level = notice`);
    const out: QueryPlan[] = [];
    for (const target of targets) {
      const durations: number[] = [];
      let plans: string[] = [];
      for (let run = 0; run < runs; run++) {
        notices = [];
        if (target.kind === "sessions") await listSessionBlocks(db, target.filter);
        else {
          const resources = await loadBookingResources(db, { ...target.booking, gear: [] });
          notices = [];
          await findConflicts(db, resources, bufferedSpans(target.booking.blocks, resources.room), {
            now: new Date(),
          });
        }
        const parsed = notices.map(parseNotice).filter((p) => p !== undefined);
        if (run > 0) durations.push(parsed.reduce((sum, p) => sum + p.ms, 0));
        plans = parsed.map((p) => p.plan);
      }
      out.push({ name: target.name, medianMs: round(median(durations), 2), plans });
    }
    return out;
  } finally {
    await client.end({ timeout: 5 });
  }
}

/** "duration: 1.234 ms  plan:\nQuery Text: …\n<plan>" → the time and the plan alone. */
function parseNotice(message: string): { ms: number; plan: string } | undefined {
  const m = message.match(/^duration: ([\d.]+) ms\s+plan:\n([\s\S]*)$/);
  if (!m) return undefined;
  const lines = m[2].split("\n");
  // The query text runs until the plan's first node line.
  const first = lines.findIndex((line, i) => i > 0 && /^\S.*\(cost=|^\S.*\(actual/.test(line));
  return { ms: Number(m[1]), plan: lines.slice(first < 0 ? 0 : first).join("\n").trimEnd() };
}

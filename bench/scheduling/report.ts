// The scheduling benchmark's figures, checked against the targets and written as Markdown.
import type { BookingAudit, BookingLoadFigures } from "./booking_load.ts";
import type { ProfileSummary } from "./cpu_profile.ts";
import type { QueryPlan } from "./explain.ts";
import type { ListFigures } from "./list_load.ts";
import type { PageTiming } from "./page_timing.ts";
import type { SeedFigures } from "./seed.ts";

export interface SchedulingReport {
  date: string;
  command: string;
  machine: { cpus: number; deno: string; postgres: string };
  /** TENANT_DB_CONNECTIONS of the app server. */
  dbConnections: number;
  /** The app server's HTTP threads (WEB_WORKERS). */
  threads: number;
  seed: SeedFigures & { firstDate: string; days: number; zone: string };
  calendar?: PageTiming[];
  list?: ListFigures & { path: string };
  bookings?: BookingLoadFigures & { audit: BookingAudit };
  /** Each phase's app server: RSS at the end of the phase (MB), error lines logged, CPU profile. */
  servers: Record<string, { rssAfterMb: number; errorsLogged: number; profile?: ProfileSummary }>;
  plans?: QueryPlan[];
  durationS?: number;
  targets?: Verdict[];
}

export interface Verdict {
  target: string;
  value: string;
  goal: string;
  met: boolean;
}

export const CALENDAR_MEDIAN_MS = 50;
export const LIST_RPS = 2_850;
export const LIST_P99_MS = 50;
export const LIST_FIRST_LOAD_REQUESTS = 5;
export const BOOKINGS_PER_SECOND = 500;

export function verdicts(report: SchedulingReport): Verdict[] {
  const out: Verdict[] = [];
  const add = (target: string, value: string, goal: string, met: boolean) =>
    out.push({ target, value, goal, met });
  for (const page of report.calendar ?? []) {
    if (page.name.startsWith("month")) continue; // shown for reference; no target
    add(
      `${page.name}: server time, median (p95) of ${page.requests}`,
      `${page.server.medianMs} ms (${page.server.p95Ms} ms)`,
      `≤ ${CALENDAR_MEDIAN_MS} ms`,
      page.server.medianMs <= CALENDAR_MEDIAN_MS,
    );
  }
  const { list, bookings } = report;
  if (list) {
    add(
      "100-row sessions list, full HTML: req/s",
      `${Math.round(list.list.rps)}`,
      `≥ ${LIST_RPS}`,
      list.list.rps >= LIST_RPS,
    );
    add(
      "100-row sessions list: p99",
      `${list.list.p99Ms} ms`,
      `≤ ${LIST_P99_MS} ms`,
      list.list.p99Ms <= LIST_P99_MS,
    );
    add("sessions list: load errors", String(list.list.errors), "0", list.list.errors === 0);
    add(
      "sessions list: JavaScript (gzip)",
      `${list.javascriptBytes} B`,
      "0 KB (no island)",
      list.javascriptBytes === 0,
    );
    add(
      "sessions list: HTTP requests on first load",
      `${list.firstLoadRequests}`,
      `≤ ${LIST_FIRST_LOAD_REQUESTS}`,
      list.firstLoadRequests <= LIST_FIRST_LOAD_REQUESTS,
    );
  }
  if (bookings) {
    const { audit } = bookings;
    const unexpected = Object.values(bookings.unexpected).reduce((sum, n) => sum + n, 0);
    add(
      `create-booking API, ${bookings.clients} clients: bookings/s`,
      `${bookings.bookingsPerSecond}`,
      `≥ ${BOOKINGS_PER_SECOND}`,
      bookings.bookingsPerSecond >= BOOKINGS_PER_SECOND,
    );
    add(
      "create-booking API: lost / unconfirmed / duplicated",
      `${audit.lost} / ${audit.unconfirmed} / ${audit.duplicateAnswers + audit.duplicateSlots}`,
      "0 / 0 / 0",
      audit.lost + audit.unconfirmed + audit.duplicateAnswers + audit.duplicateSlots === 0 &&
        audit.rows === bookings.created,
    );
    add(
      "create-booking API: answers other than 201 (deliberate repeats aside)",
      String(unexpected),
      "0",
      unexpected === 0,
    );
    add(
      "create-booking API: deliberate repeats of a booked slot answered 409",
      `${bookings.conflictsAnswered409} of ${bookings.deliberateConflicts}`,
      "all",
      bookings.conflictsAnswered409 === bookings.deliberateConflicts,
    );
  }
  return out;
}

export function markdownReport(r: SchedulingReport): string {
  const lines: string[] = [];
  const push = (...l: string[]) => lines.push(...l);
  push(
    `### Scheduling — ${
      r.date.slice(0, 10)
    }, ${r.machine.cpus} CPUs, Deno ${r.machine.deno}, PostgreSQL ${r.machine.postgres}`,
    "",
    `\`${r.command}\`${r.durationS ? ` (${r.durationS} s)` : ""}`,
    "",
  );
  if (r.targets?.length) {
    push("| target | value | goal | |", "|---|---|---|---|");
    for (const t of r.targets) {
      push(`| ${t.target} | ${t.value} | ${t.goal} | ${t.met ? "met" : "**missed**"} |`);
    }
    push("");
  }
  const s = r.seed;
  push(
    `Studio (postgres driver, TENANT_DB_CONNECTIONS=${r.dbConnections} per thread, WEB_WORKERS=${r.threads}): ${s.rooms} rooms, ${s.bookings} bookings, ` +
      `${s.blocks} blocks (${s.blockingBlocks} blocking), ${s.engineerReservations} engineer and ` +
      `${s.gearReservations} gear reservations, ${s.clients} clients, ${s.days} days from ${s.firstDate} ` +
      `(${s.zone}); seeded with set-based SQL in ${(s.ms / 1000).toFixed(1)} s.`,
    "",
  );
  if (r.calendar) {
    push(
      "Calendar pages, one request at a time (server: the app's request log, first middleware to finished " +
        "response; client: fetch on 127.0.0.1 to the last byte):",
      "",
      "| page | sessions shown | HTML | server median | p95 | p99 | max | client median | p95 |",
      "|---|---|---|---|---|---|---|---|---|",
    );
    for (const p of r.calendar) {
      push(
        `| ${p.name} | ${p.blocksShown} | ${p.htmlKb} KB | ${p.server.medianMs} ms | ${p.server.p95Ms} | ` +
          `${p.server.p99Ms} | ${p.server.maxMs} | ${p.client.medianMs} ms | ${p.client.p95Ms} |`,
      );
    }
    push("");
  }
  if (r.list) {
    const l = r.list;
    push(
      `Sessions list \`${l.path}\` (${l.rows} rows${l.hasNextPage ? " and a next-page link" : ""}, ` +
        `${l.htmlKb} KB HTML, ${l.htmlGzipKb} KB gzip), wrk -t2 -c${l.connections} -d${l.seconds}s, ` +
        `median of ${l.runs}, the three targets in turn each round:`,
      "",
      "| target | req/s | p50 ms | p99 ms | errors | bytes/req | server CPU µs/req | PostgreSQL CPU µs/req | " +
        "machine busy | ÷ bare Hono | ÷ /healthz |",
      "|---|---|---|---|---|---|---|---|---|---|---|",
    );
    for (
      const [name, f] of [["bare Hono handler", l.bare], ["/healthz (full middleware stack)", l.healthz], [
        "100-row sessions list (full HTML, signed in)",
        l.list,
      ]] as const
    ) {
      push(
        `| ${name} | ${Math.round(f.rps)} | ${f.p50Ms.toFixed(2)} | ${f.p99Ms.toFixed(2)} | ${f.errors} | ` +
          `${f.bytesPerRequest} | ${Math.round(f.cpu.appUs)} | ${Math.round(f.cpu.postgresUs)} | ` +
          `${Math.round(f.cpu.machineBusy * 100)} % | ${(f.rps / l.bare.rps).toFixed(3)} | ` +
          `${(f.rps / l.healthz.rps).toFixed(2)} |`,
      );
    }
    push(
      "",
      `First load: ${l.firstLoadRequests} requests (document + ${l.subresources.join(", ") || "nothing"}), ` +
        `JavaScript ${l.javascriptBytes} B, stylesheet ${l.stylesheetGzipKb} KB gzip.`,
      "",
    );
  }
  if (r.bookings) {
    const b = r.bookings;
    const a = b.audit;
    const unexpected = Object.entries(b.unexpected).map(([k, n]) => `${k}: ${n}`).join(", ") || "none";
    push(
      `Create-booking API: ${b.clients} clients (one API key each) POSTing distinct slots for ${b.durationS} s ` +
        `(2 h sessions in all ${r.seed.rooms} rooms, those of the first ${r.seed.engineerIds.length} with their ` +
        `engineer; 1 request in ${b.conflictEvery} repeats an already booked slot on purpose):`,
      "",
      "| measure | value |",
      "|---|---|",
      `| requests / 201 created | ${b.requests} / ${b.created} |`,
      `| bookings per second | ${b.bookingsPerSecond} |`,
      `| latency median / p99 / max | ${b.latency.medianMs} / ${b.latency.p99Ms} / ${b.latency.maxMs} ms |`,
      `| deliberate repeats answered 409 | ${b.conflictsAnswered409} of ${b.deliberateConflicts} |`,
      `| other answers | ${unexpected} |`,
      `| database: API bookings / lost / unconfirmed / duplicate ids / duplicate slots | ` +
        `${a.rows} / ${a.lost} / ${a.unconfirmed} / ${a.duplicateAnswers} / ${a.duplicateSlots} |`,
      `| bookings without their audit entry | ${a.missingAuditEntries} |`,
      `| CPU per booking: app server / PostgreSQL / the 32 clients | ${b.cpuPerBooking.appUs} / ` +
        `${b.cpuPerBooking.postgresUs} / ${b.cpuPerBooking.benchUs} µs |`,
      `| machine busy (all cores) | ${Math.round(b.cpuPerBooking.machineBusy * 100)} % |`,
      "",
    );
    if (b.unexpectedSample) push("First unexpected answer:", "", "```", b.unexpectedSample, "```", "");
  }
  const servers = Object.entries(r.servers);
  if (servers.length) {
    push(
      `App server at the end of each phase: ${
        servers.map(([phase, s]) => `${phase} ${s.rssAfterMb} MB RSS, ${s.errorsLogged} errors logged`).join(
          "; ",
        )
      }.`,
      "",
    );
  }
  for (const [phase, { profile }] of servers) {
    if (!profile) continue;
    const pct = (share: number) => `${(share * 100).toFixed(1)} %`;
    push(
      `CPU profile of the app server, ${phase} phase (${profile.busyMs} ms sampled, idle excluded), self time:`,
      "",
      `- by area: ${profile.areas.slice(0, 12).map((a) => `${a.area} ${pct(a.share)}`).join(", ")}`,
      `- by function: ${
        profile.functions.slice(0, 15).map((f) => `\`${f.name}\` ${pct(f.share)}`).join(", ")
      }`,
      "",
    );
  }
  if (r.plans?.length) {
    push(
      "Query plans (auto_explain, ANALYZE + BUFFERS, the app's own query functions; median of 4 warm runs):",
      "",
    );
    for (const p of r.plans) {
      push(
        `<details><summary>${p.name}: ${p.medianMs} ms</summary>`,
        "",
        "```",
        ...p.plans.flatMap((x) => [x, ""]),
        "```",
        "",
        "</details>",
        "",
      );
    }
  }
  return lines.join("\n");
}

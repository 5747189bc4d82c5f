// Scheduling benchmarks on the postgres driver: calendar pages of a studio with 20 rooms and 20,000
// bookings (server time), the 100-row sessions list under wrk (against a bare Hono baseline), and
// the create-booking API under 32 concurrent clients with a database audit of what was written.
// Prints a Markdown report on stdout; with --json, one JSON object there instead (report on stderr).
//   deno run -A bench/scheduling.ts [--quick] [--json] [--profile] [--only calendar,list,bookings,explain]
//     [--threads N (the app's WEB_WORKERS, default one per core)]
// --profile runs each phase's app server under --cpu-prof and reports where its CPU went.
import { parseArgs } from "node:util";
import { join } from "node:path";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { build } from "../lib/fw/build.ts";
import { createApiKey } from "../lib/kv/api_keys.ts";
import { openKv } from "../lib/kv/open.ts";
import { calendarWindow } from "../lib/scheduling/calendar_window.ts";
import { addDays, localParts, zonedInstant } from "../lib/scheduling/local_time.ts";
import { loadMigrations, rowsOf } from "../lib/tenancy/migrations.ts";
import { provisionStudio } from "../lib/tenancy/provision.ts";
import { startPostgres } from "../lib/testing/postgres_server.ts";
import { signedInCookie } from "../lib/testing/staff_session.ts";
import { ROOT } from "../tasks/root.ts";
import { rssMb } from "./lib/process.ts";
import { benchStudio, benchTempDir, postgresTenancy } from "./tenancy/setup.ts";
import { type AppServer, startAppServer } from "./scheduling/app_server.ts";
import { readProfile, summarizeProfile } from "./scheduling/cpu_profile.ts";
import {
  auditCreatedBookings,
  createBookingsUnderLoad,
  slotOf,
  type SlotPlan,
} from "./scheduling/booking_load.ts";
import { explainQueries } from "./scheduling/explain.ts";
import { sessionListLoad } from "./scheduling/list_load.ts";
import { type PageVariant, timePages } from "./scheduling/page_timing.ts";
import { progress } from "./scheduling/progress.ts";
import { markdownReport, type SchedulingReport, verdicts } from "./scheduling/report.ts";
import { activeBlocksBetween, busiestDay, busiestWeek, seedStudio } from "./scheduling/seed.ts";

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
    only: { type: "string", default: "calendar,list,bookings,explain" },
    rooms: { type: "string", default: "20" },
    bookings: { type: "string", default: "20000" },
    days: { type: "string", default: "730" },
    requests: { type: "string" },
    seconds: { type: "string" },
    runs: { type: "string" },
    "api-seconds": { type: "string" },
    clients: { type: "string", default: "32" },
    "db-connections": { type: "string", default: "16" },
    // HTTP threads of the app server (WEB_WORKERS); production runs one per core.
    threads: { type: "string" },
    profile: { type: "boolean", default: false },
  },
});
const positive = (name: string, value: string | undefined, fallback: number): number => {
  const n = Number(value ?? fallback);
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`--${name} must be a positive integer, got ${value}`);
  }
  return n;
};
const phases = new Set(values.only.split(","));
for (const phase of phases) {
  if (!["calendar", "list", "bookings", "explain"].includes(phase)) {
    throw new Error(`--only: unknown phase "${phase}"`);
  }
}
const quick = values.quick;
const requests = positive("requests", values.requests, quick ? 50 : 300);
const seconds = positive("seconds", values.seconds, quick ? 5 : 20);
const runs = positive("runs", values.runs, quick ? 1 : 3);
const apiSeconds = positive("api-seconds", values["api-seconds"], quick ? 5 : 20);
const clients = positive("clients", values.clients, 32);
const dbConnections = positive("db-connections", values["db-connections"], 16);
const threads = positive("threads", values.threads, navigator.hardwareConcurrency);
const ZONE = "Europe/Paris";
const SLUG = "sched-00001";

// Ctrl-C, a kill or an uncaught error (which skips `unload`): exit through `unload`, where servers
// are stopped and temp dirs removed.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  Deno.addSignalListener(signal, () => {
    progress(`${signal}: stopping servers and removing temp dirs`);
    Deno.exit(130);
  });
}
globalThis.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  console.error(event.reason);
  Deno.exit(1);
});

const started = performance.now();
progress("building the app");
await build({ root: ROOT });
await using pg = await startPostgres();
await using dir = await benchTempDir("scheduling");
const kvPath = join(dir.path, "kv.sqlite");

// 1. The studio, its bookings, an owner's session and the API clients' keys — then the bench lets
// go of KV and the database, so the app server is the only one using them while it is measured.
const now = new Date();
const today = localParts(now, ZONE).date;
const days = positive("days", values.days, 730);
const rooms = positive("rooms", values.rooms, 20);
// Half the studio's sessions are history, half ahead, as in a studio that has run for a while.
const firstDate = addDays(today, -Math.floor(days / 2));
let tenantDatabase: string;
let seed: SchedulingReport["seed"];
let cookie: string;
let tokens: string[];
let calendarVariants: PageVariant[];
let listPath: string;
let slotPlan: SlotPlan;
let plans: SchedulingReport["plans"];
let postgresVersion: string;
{
  const kv = await openKv(kvPath);
  try {
    await using tenancy = postgresTenancy(pg.url, {
      kv,
      migrations: await loadMigrations(),
      poolSize: 4,
      connectionsPerTenant: 2,
    });
    const tenant = await provisionStudio(tenancy, { ...benchStudio(1, "sched"), locale: "en" });
    if (tenant.slug !== SLUG) throw new Error(`unexpected slug ${tenant.slug}`);
    tenantDatabase = tenant.database.name;
    progress(`seeding ${values.bookings} bookings in ${values.rooms} rooms`);
    const prepared = await tenancy.pool.use(tenant.database, async (db) => {
      const engineers = Math.min(10, Math.floor(rooms / 2));
      const figures = await seedStudio(db, {
        rooms,
        bookings: positive("bookings", values.bookings, 20_000),
        days,
        firstDate,
        zone: ZONE,
        engineers,
        gear: Math.min(5, rooms - engineers),
        clients: 200,
        now,
      });
      // Near today, as a front desk looks at it, with the studio's history before it.
      const room = figures.roomIds[0];
      const monday = await busiestWeek(db, room, { first: today, afterLast: addDays(today, 56), zone: ZONE });
      const day = await busiestDay(db, { first: today, afterLast: addDays(today, 14), zone: ZONE });
      const week = calendarWindow("week", monday, monday, "en", ZONE);
      const month = calendarWindow("month", monday, monday, "en", ZONE);
      const variants: PageVariant[] = [
        {
          name: `week, one room (${monday})`,
          path: `/app/calendar?view=week&date=${monday}&room=${room}`,
          expectedBlocks: await activeBlocksBetween(db, { ...week, zone: ZONE, room }),
        },
        {
          name: `day, all ${figures.rooms} rooms (${day})`,
          path: `/app/calendar?view=day&date=${day}`,
          expectedBlocks: await activeBlocksBetween(db, {
            first: day,
            afterLast: addDays(day, 1),
            zone: ZONE,
          }),
        },
        {
          name: `month, all rooms (${month.first} to ${month.afterLast})`,
          path: `/app/calendar?view=month&date=${monday}`,
          expectedBlocks: await activeBlocksBetween(db, { ...month, zone: ZONE }),
        },
      ];
      const [{ version }] = rowsOf<{ version: string }>(
        await db.execute(sql`SELECT current_setting(${"server_version"}) AS version`),
      );
      return { figures, variants, monday, day, version, room };
    });
    seed = { ...prepared.figures, firstDate, days, zone: ZONE };
    calendarVariants = prepared.variants;
    postgresVersion = prepared.version.split(" ")[0];
    const listFrom = prepared.monday;
    const listTo = addDays(listFrom, 14);
    listPath = `/app/sessions?from=${listFrom}&to=${listTo}`;
    slotPlan = {
      roomIds: prepared.figures.roomIds,
      engineerIds: prepared.figures.engineerIds,
      from: zonedInstant(addDays(firstDate, days + 7), "00:00", ZONE)!,
    };
    cookie = await signedInCookie(kv, tenant);
    tokens = [];
    for (let i = 0; i < clients; i++) {
      const { token } = await createApiKey(kv, {
        tenantId: tenant.id,
        name: `bench client ${i + 1}`,
        role: "manager",
        createdBy: { type: "system", label: "bench" },
      });
      tokens.push(token);
    }
    if (phases.has("explain")) {
      progress("explaining the pages' and the booking API's queries");
      const instant = (date: string) => zonedInstant(date, "00:00", ZONE)!;
      const day = prepared.day;
      const first = slotOf(slotPlan, 0);
      plans = await explainQueries(pg.url, tenantDatabase, [
        {
          name: "calendar week, one room (listSessionBlocks)",
          kind: "sessions",
          filter: {
            from: instant(listFrom),
            to: instant(addDays(listFrom, 7)),
            roomId: prepared.room,
            limit: 5_000,
          },
        },
        {
          name: "calendar day, all rooms (listSessionBlocks)",
          kind: "sessions",
          filter: { from: instant(day), to: instant(addDays(day, 1)), limit: 5_000 },
        },
        {
          name: "sessions list, 2 weeks, first 101 rows (listSessionBlocks)",
          kind: "sessions",
          filter: { from: instant(listFrom), to: instant(listTo), limit: 101 },
        },
        {
          name: "create booking: conflict checks for a room + engineer (findConflicts)",
          kind: "conflicts",
          booking: { roomId: first.roomId, engineerIds: first.engineerIds, blocks: [first] },
        },
      ]);
    }
  } finally {
    kv.close();
  }
}

const report: SchedulingReport = {
  date: new Date().toISOString(),
  command: ["deno run -A bench/scheduling.ts", ...Deno.args].join(" "),
  machine: { cpus: navigator.hardwareConcurrency, deno: Deno.version.deno, postgres: postgresVersion },
  dbConnections,
  threads,
  seed,
  plans,
  servers: {},
};
const base = `/s/${SLUG}`;
const serverEnv = (logLevel: string) => ({
  TENANT_DRIVER: "postgres",
  REGIONS: "eu",
  POSTGRES_URL_EU: pg.url,
  KV_URL: kvPath,
  DATA_DIR: dir.path,
  APP_ENV: "production",
  APP_SECRET: "bench-secret-bench-secret-bench-secret",
  LOG_LEVEL: logLevel,
  TENANT_POOL_SIZE: "10",
  TENANT_DB_CONNECTIONS: String(dbConnections),
  WEB_WORKERS: String(threads),
  // 32 clients booking flat out make far more than the default 600 requests a minute per key.
  API_RATE_LIMIT_PER_MINUTE: "1000000",
});

/**
 * Runs one phase against an app server of its own (so each phase's memory, CPU profile and error
 * log are its own); with --profile the server runs under `--cpu-prof`.
 */
async function onAppServer<T>(
  phase: string,
  logLevel: string,
  work: (app: AppServer) => Promise<T>,
): Promise<T> {
  const profileDir = values.profile ? join(dir.path, `profile-${phase}`) : undefined;
  const app = await startAppServer(
    serverEnv(logLevel),
    profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [],
  );
  let rssAfterMb: number;
  let result: T;
  try {
    result = await work(app);
    rssAfterMb = rssMb(app.pid);
  } finally {
    await app.stop();
  }
  if (app.errorLines.length) {
    progress(
      `${phase}: the app logged ${app.errorLines.length} errors; first: ${app.errorLines[0].slice(0, 500)}`,
    );
  }
  report.servers[phase] = {
    rssAfterMb,
    errorsLogged: app.errorLines.length,
    profile: profileDir ? summarizeProfile(await readProfile(profileDir)) : undefined,
  };
  return result;
}

// 2. Calendar pages, timed by the app's own request log (debug level).
if (phases.has("calendar")) {
  progress(`calendar pages: ${requests} requests per page after ${Math.ceil(requests / 10)} warm-up`);
  report.calendar = await onAppServer(
    "calendar",
    "debug",
    (app) =>
      timePages(app, {
        base,
        cookie,
        variants: calendarVariants,
        requests,
        warmup: Math.ceil(requests / 10),
      }),
  );
}

// 3. The sessions list under wrk; /healthz, the reference, on a second app server.
if (phases.has("list")) {
  progress(`sessions list: wrk ${runs} × ${seconds} s per target`);
  await using reference = await startAppServer(serverEnv("error"));
  report.list = {
    ...await onAppServer("list", "error", (app) =>
      sessionListLoad(app, reference, {
        base,
        cookie,
        path: listPath,
        seconds,
        runs,
        connections: 32,
        postgresDataDir: pg.dataDir,
      })),
    path: listPath,
  };
}

// 4. The booking API under 32 clients, then the database's account of it.
if (phases.has("bookings")) {
  progress(`create-booking API: ${clients} clients for ${apiSeconds} s`);
  const { figures, created } = await onAppServer("bookings", "error", (app) =>
    createBookingsUnderLoad(app, {
      base,
      tokens,
      plan: slotPlan,
      seconds: apiSeconds,
      conflictEvery: 50,
      postgresDataDir: pg.dataDir,
    }));
  const client = postgres(pg.url, { database: tenantDatabase, max: 1, onnotice: () => {} });
  try {
    const audit = await auditCreatedBookings((text) => client.unsafe(text), created);
    report.bookings = { ...figures, audit };
  } finally {
    await client.end({ timeout: 5 });
  }
}

report.durationS = Math.round((performance.now() - started) / 1000);
report.targets = verdicts(report);
const markdown = markdownReport(report);
if (values.json) {
  console.error(markdown);
  console.log(JSON.stringify(report));
} else {
  console.log(markdown);
}

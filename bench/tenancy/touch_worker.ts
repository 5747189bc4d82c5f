// The app-server side of the 1,000-studio benchmark, run by bench/tenancy/scale.ts in a process of
// its own so its memory is the app's alone: builds the real app over the postgres driver and
// requests every studio once, reporting memory after 10 studios and after all of them.
//   deno run -A --v8-flags=--expose-gc bench/tenancy/touch_worker.ts '<json TouchOptions>'
import { sql } from "drizzle-orm";
import { studioProfile } from "../../db/schema/mod.ts";
import { openKv } from "../../lib/kv/open.ts";
import { listTenants, type Tenant } from "../../lib/kv/tenants.ts";
import { loadMigrations, rowsOf } from "../../lib/tenancy/migrations.ts";
import { realApp } from "./app.ts";
import { counter, forEachConcurrently, median, percentile, round, rssAfterGc } from "./measure.ts";
import { postgresTenancy } from "./setup.ts";

export interface TouchOptions {
  kvPath: string;
  /** A JSON object: slug → the Cookie header of a signed-in staff member of that studio. */
  cookiesPath: string;
  dataDir: string;
  postgresUrl: string;
  poolSize: number;
  connectionsPerTenant: number;
  concurrency: number;
  /**
   * The control run: as many touches, but cycling over the first 10 studios only, so what memory
   * owes to the number of studios is told apart from what it owes to the load.
   */
  onlyFirst10?: boolean;
}

export interface TouchFigures {
  studios: number;
  /** Requests that did not answer 200 with the studio's own data; must be 0. */
  failures: string[];
  /** MB after a full GC (`gc` false when --expose-gc was missing). */
  rssAfter10Mb: number;
  rssAfterAllMb: number;
  heapUsedAfter10Mb: number;
  heapUsedAfterAllMb: number;
  gc: boolean;
  /** RSS (after GC) every tenth of the way: flat once the pool is full, unless something leaks. */
  rssCurveMb: { studios: number; rssMb: number; externalMb: number; heapTotalMb: number }[];
  durationMs: number;
  /** Both requests of one studio's touch, its database opened from cold (LRU miss). */
  touchMedianMs: number;
  touchP99Ms: number;
}

/** A route for this benchmark only: it reads through the studio's handle, as tenant routes will. */
const PROBE = "/_bench/profile";

export async function touchEveryStudio(options: TouchOptions): Promise<TouchFigures> {
  const kv = await openKv(options.kvPath);
  try {
    await using tenancy = postgresTenancy(options.postgresUrl, {
      kv,
      migrations: await loadMigrations(),
      poolSize: options.poolSize,
      connectionsPerTenant: options.connectionsPerTenant,
    });
    const app = await realApp(tenancy, options.dataDir);
    app.get(PROBE, async (c) => {
      const studio = c.get("studio");
      if (!studio) return c.text("no studio", 404);
      // Two queries at once, so the studio's client opens both of its TENANT_DB_CONNECTIONS.
      const [profile, versions] = await Promise.all([
        studio.db.select({ name: studioProfile.name }).from(studioProfile),
        studio.db.execute(sql`SELECT version FROM rsm_schema_migrations`),
      ]);
      return c.json({ name: profile[0]?.name, versions: rowsOf(versions).length });
    });

    const active = await allActive(kv);
    const tenants = options.onlyFirst10
      ? active.map((_, i) => active[i % Math.min(10, active.length)])
      : active;
    const failures: string[] = [];
    const touchMs: number[] = [];
    const cookies = JSON.parse(await Deno.readTextFile(options.cookiesPath)) as Record<string, string>;
    const touch = async (tenant: Tenant) => {
      const started = performance.now();
      const headers = { cookie: cookies[tenant.slug] };
      const page = await app.request(`http://localhost/s/${tenant.slug}/app`, { headers });
      const html = await page.text();
      if (page.status !== 200 || !html.includes(tenant.name)) {
        failures.push(`${tenant.slug} /app: ${page.status}`);
      }
      const probe = await app.request(`http://localhost/s/${tenant.slug}${PROBE}`, { headers });
      const body = probe.status === 200 ? await probe.json() : await probe.text();
      if (probe.status !== 200 || body.name !== tenant.name) {
        failures.push(`${tenant.slug} ${PROBE}: ${probe.status} ${JSON.stringify(body).slice(0, 200)}`);
      }
      touchMs.push(performance.now() - started);
    };

    const started = performance.now();
    const first = tenants.slice(0, 10);
    for (const tenant of first) await touch(tenant);
    const after10 = rssAfterGc();
    const heapAfter10 = Deno.memoryUsage().heapUsed;
    const report = counter("touch studios through the app", tenants.length);
    const rssCurveMb: TouchFigures["rssCurveMb"] = [];
    const curvePoint = (studios: number) => {
      const mb = round(Deno.memoryUsage().rss / 2 ** 20);
      const { external, heapTotal } = Deno.memoryUsage();
      rssCurveMb.push({
        studios,
        rssMb: mb,
        externalMb: round(external / 2 ** 20),
        heapTotalMb: round(heapTotal / 2 ** 20),
      });
    };
    curvePoint(first.length);
    const step = Math.max(1, Math.round(tenants.length / 10));
    let done = first.length;
    await forEachConcurrently(tenants.slice(first.length), options.concurrency, async (tenant) => {
      await touch(tenant);
      report(++done);
      if (done % step === 0) curvePoint(done);
    });
    const durationMs = performance.now() - started;
    const afterAll = rssAfterGc();
    const heapAfterAll = Deno.memoryUsage().heapUsed;
    return {
      studios: tenants.length,
      failures,
      rssAfter10Mb: after10.mb,
      rssAfterAllMb: afterAll.mb,
      heapUsedAfter10Mb: round(heapAfter10 / 2 ** 20),
      heapUsedAfterAllMb: round(heapAfterAll / 2 ** 20),
      gc: afterAll.gc,
      rssCurveMb,
      durationMs: Math.round(durationMs),
      touchMedianMs: round(median(touchMs), 2),
      touchP99Ms: round(percentile(touchMs, 99), 2),
    };
  } finally {
    kv.close();
  }
}

async function allActive(kv: Deno.Kv): Promise<Tenant[]> {
  const tenants: Tenant[] = [];
  let cursor: string | undefined;
  do {
    const page = await listTenants(kv, { status: "active", cursor, limit: 1000 });
    tenants.push(...page.tenants);
    cursor = page.cursor;
  } while (cursor);
  return tenants;
}

if (import.meta.main) {
  const figures = await touchEveryStudio(JSON.parse(Deno.args[0]) as TouchOptions);
  console.log(JSON.stringify(figures));
}

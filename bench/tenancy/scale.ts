// Target 2: many studios on one local Postgres server. Provisions them all, then has an app
// process (touch_worker.ts) request every one through the real app with a capped pool while the
// server's client connections are sampled, then migrates them all with one appended migration.
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { openKv } from "../../lib/kv/open.ts";
import type { Tenant } from "../../lib/kv/tenants.ts";
import { migrateAll } from "../../lib/tenancy/migrate_all.ts";
import { latestVersion, loadMigrations, rowsOf } from "../../lib/tenancy/migrations.ts";
import { provisionStudio } from "../../lib/tenancy/provision.ts";
import { startPostgres } from "../../lib/testing/postgres_server.ts";
import { signedInCookie } from "../../lib/testing/staff_session.ts";
import { sampleConnections } from "./connection_sampler.ts";
import { counter, forEachConcurrently, progress, round, timed } from "./measure.ts";
import { appendedMigration, benchStudio, benchTempDir, postgresTenancy } from "./setup.ts";
import type { TouchFigures, TouchOptions } from "./touch_worker.ts";

export interface ScaleOptions {
  studios: number;
  provisionConcurrency: number;
  /** TENANT_POOL_SIZE and TENANT_DB_CONNECTIONS of the app (and of provisioning and migrating). */
  poolSize: number;
  connectionsPerTenant: number;
  touchConcurrency: number;
  migrateConcurrency: number;
  /** The server's max_connections. */
  maxConnections: number;
}

export interface ScaleFigures {
  studios: number;
  maxConnections: number;
  provision: {
    concurrency: number;
    totalMs: number;
    perStudioMs: number;
    failures: number;
    /** Size of the cluster's data directory after provisioning, per studio. */
    diskMbPerStudio: number;
    peakConnections: number;
  };
  touch: TouchFigures & {
    concurrency: number;
    poolSize: number;
    connectionsPerTenant: number;
    /** TENANT_POOL_SIZE × TENANT_DB_CONNECTIONS: what the app's pool may hold. */
    poolCap: number;
    /** poolCap + 1 admin connection per region + the sampler's own connection. */
    allowed: number;
    peakConnections: number;
    withinCap: boolean;
    rssRatio: number;
    /** The same number of touches cycling over 10 studios: RSS owed to load rather than to studios. */
    control: {
      rssAfter10Mb: number;
      rssAfterAllMb: number;
      rssRatio: number;
      failures: number;
      peakConnections: number;
    };
  };
  migrate: {
    concurrency: number;
    durationMs: number;
    migrated: number;
    upToDate: number;
    failures: { slug: string; error: string }[];
    /** Catalog records at the new version, and sampled databases that have the new column. */
    catalogAtNewVersion: number;
    columnChecked: number;
    columnFound: number;
    peakConnections: number;
    allowed: number;
  };
  samplerFailures: number;
}

const WORKER = fileURLToPath(new URL("./touch_worker.ts", import.meta.url));
/** Admin connections: the postgres driver keeps one per region's cluster, and the bench uses one region. */
const ADMIN_CONNECTIONS = 1;
const SAMPLER_CONNECTIONS = 1;

export async function manyStudios(options: ScaleOptions): Promise<ScaleFigures> {
  const { studios, poolSize, connectionsPerTenant } = options;
  await using server = await startPostgres({ maxConnections: options.maxConnections });
  await using dir = await benchTempDir("scale");
  const kvPath = join(dir.path, "kv.sqlite");
  const migrations = await loadMigrations();
  await using sampler = await sampleConnections(server.url);
  const poolCap = poolSize * connectionsPerTenant;
  const allowed = poolCap + ADMIN_CONNECTIONS + SAMPLER_CONNECTIONS;

  // 1. Provision every studio.
  sampler.phase("provision");
  const diskBeforeMb = await directoryMb(server.dataDir);
  let kv = await openKv(kvPath);
  let provision: ScaleFigures["provision"];
  try {
    await using tenancy = postgresTenancy(server.url, { kv, migrations, poolSize, connectionsPerTenant });
    const report = counter("provision studios", studios);
    let done = 0;
    let failures = 0;
    const numbers = Array.from({ length: studios }, (_, i) => i + 1);
    const { ms } = await timed(() =>
      forEachConcurrently(numbers, options.provisionConcurrency, async (n) => {
        try {
          await provisionStudio(tenancy, benchStudio(n));
        } catch (err) {
          failures++;
          progress(`provisioning studio ${n} failed: ${err}`);
        }
        report(++done);
      })
    );
    provision = {
      concurrency: options.provisionConcurrency,
      totalMs: Math.round(ms),
      perStudioMs: round(ms / studios, 2),
      failures,
      diskMbPerStudio: round((await directoryMb(server.dataDir) - diskBeforeMb) / studios, 2),
      peakConnections: 0,
    };
  } finally {
    kv.close();
  }
  provision.peakConnections = sampler.peaks().provision.peak;

  // 2. An app process touches every studio through the real app, its pool capped, signed in as
  // each studio's owner (the staff app redirects anyone else to sign-in).
  const cookiesPath = join(dir.path, "cookies.json");
  kv = await openKv(kvPath);
  try {
    await Deno.writeTextFile(cookiesPath, JSON.stringify(await signInEveryStudio(kv)));
  } finally {
    kv.close();
  }
  sampler.phase("touch");
  progress(`touching ${studios} studios from an app process (pool ${poolSize} × ${connectionsPerTenant})`);
  const touchOptions: TouchOptions = {
    kvPath,
    cookiesPath,
    dataDir: dir.path,
    postgresUrl: server.url,
    poolSize,
    connectionsPerTenant,
    concurrency: options.touchConcurrency,
  };
  const touched = await runWorker(touchOptions);
  const touchPeak = sampler.peaks().touch.peak;
  sampler.phase("control");
  progress(`control: as many touches over the first 10 studios only`);
  const control = await runWorker({ ...touchOptions, onlyFirst10: true });
  const controlPeak = sampler.peaks().control.peak;

  // 3. One more migration, applied to every studio.
  sampler.phase("migrate");
  const extended = appendedMigration(migrations);
  kv = await openKv(kvPath);
  let migrate: ScaleFigures["migrate"];
  try {
    await using tenancy = postgresTenancy(server.url, {
      kv,
      migrations: extended,
      poolSize,
      connectionsPerTenant,
      migrateConcurrency: options.migrateConcurrency,
    });
    const report = counter("migrate --all", studios);
    let done = 0;
    const result = await migrateAll(tenancy, { onTenant: () => report(++done) });
    const version = latestVersion(extended);
    const tenants = await catalog(kv);
    const sample = tenants.filter((_, i) => i % Math.max(1, Math.floor(tenants.length / 20)) === 0);
    let columnFound = 0;
    for (const tenant of sample) {
      const rows = await tenancy.pool.use(
        tenant.database,
        (db) =>
          db.execute(sql`SELECT 1 FROM information_schema.columns
          WHERE table_name = 'studio_profile' AND column_name = 'bench_note'`),
      );
      if (rowsOf(rows).length === 1) columnFound++;
    }
    migrate = {
      concurrency: options.migrateConcurrency,
      durationMs: result.durationMs,
      migrated: result.migrated.length,
      upToDate: result.upToDate,
      failures: result.failed,
      catalogAtNewVersion: tenants.filter((t) => t.schemaVersion === version).length,
      columnChecked: sample.length,
      columnFound,
      peakConnections: 0,
      allowed,
    };
  } finally {
    kv.close();
  }
  migrate.peakConnections = sampler.peaks().migrate.peak;
  const samplerFailures = sampler.failures;
  await sampler.stop();

  return {
    studios,
    maxConnections: options.maxConnections,
    provision,
    touch: {
      ...touched,
      concurrency: options.touchConcurrency,
      poolSize,
      connectionsPerTenant,
      poolCap,
      allowed,
      peakConnections: touchPeak,
      withinCap: touchPeak <= allowed,
      rssRatio: round(touched.rssAfterAllMb / touched.rssAfter10Mb, 2),
      control: {
        rssAfter10Mb: control.rssAfter10Mb,
        rssAfterAllMb: control.rssAfterAllMb,
        rssRatio: round(control.rssAfterAllMb / control.rssAfter10Mb, 2),
        failures: control.failures.length,
        peakConnections: controlPeak,
      },
    },
    migrate,
    samplerFailures,
  };
}

/** Runs touch_worker.ts in its own process (with --expose-gc) and returns what it reports. */
async function runWorker(options: TouchOptions): Promise<TouchFigures> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--v8-flags=--expose-gc", WORKER, JSON.stringify(options)],
    cwd: fileURLToPath(new URL("../..", import.meta.url)),
    stdin: "null",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const kill = () => {
    try {
      child.kill("SIGKILL");
    } catch {
      // already gone
    }
  };
  // An interrupted benchmark must not leave the app process running against a deleted server.
  globalThis.addEventListener("unload", kill);
  try {
    const { code, stdout } = await child.output();
    const out = new TextDecoder().decode(stdout).trim();
    if (code !== 0) throw new Error(`touch_worker.ts exited with ${code}: ${out.slice(-500)}`);
    return JSON.parse(out.split("\n").at(-1)!) as TouchFigures;
  } finally {
    globalThis.removeEventListener("unload", kill);
  }
}

/** A session cookie for each studio's owner, by slug. */
async function signInEveryStudio(kv: Deno.Kv): Promise<Record<string, string>> {
  const cookies: Record<string, string> = {};
  const tenants = await catalog(kv);
  const report = counter("sign in to every studio", tenants.length);
  let done = 0;
  await forEachConcurrently(tenants, 8, async (tenant) => {
    cookies[tenant.slug] = await signedInCookie(kv, tenant);
    report(++done);
  });
  return cookies;
}

async function catalog(kv: Deno.Kv): Promise<Tenant[]> {
  const tenants: Tenant[] = [];
  for await (const entry of kv.list<Tenant>({ prefix: ["tenants"] })) tenants.push(entry.value);
  return tenants;
}

async function directoryMb(path: string): Promise<number> {
  const { stdout, success } = await new Deno.Command("du", { args: ["-sk", path], stdout: "piped" }).output();
  if (!success) return NaN;
  return Number(new TextDecoder().decode(stdout).split(/\s/)[0]) / 1024;
}

// Target 1: how long provisionStudio() takes end to end (catalog write, database from the template,
// profile write, activation), per driver, once the template exists.
import { loadMigrations } from "../../lib/tenancy/migrations.ts";
import { type ProvisionStep, provisionStudio } from "../../lib/tenancy/provision.ts";
import type { Tenancy } from "../../lib/tenancy/tenancy.ts";
import { startPostgres } from "../../lib/testing/postgres_server.ts";
import { median, progress, round } from "./measure.ts";
import { benchStudio, benchTempDir, openFileKv, pgliteTenancy, postgresTenancy } from "./setup.ts";

export interface ProvisionFigures {
  driver: "postgres" | "pglite";
  /** The first call, which also builds the template. */
  firstMs: number;
  samples: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** Median time of each step: catalog write, database creation, profile write, activation. */
  stepsMedianMs: Record<"catalog" | "database" | "profile" | "activate", number>;
}

/** The app's default TENANT_POOL_SIZE: provisioning writes the profile through the app's pool. */
const POOL_SIZE = 50;

export async function provisionPostgres(samples: number): Promise<ProvisionFigures> {
  await using server = await startPostgres();
  await using dir = await benchTempDir("provision-pg");
  const kv = await openFileKv(dir.path);
  try {
    await using tenancy = postgresTenancy(server.url, {
      kv,
      migrations: await loadMigrations(),
      poolSize: POOL_SIZE,
      connectionsPerTenant: 2,
    });
    return await provisionSeries(tenancy, "postgres", samples);
  } finally {
    kv.close();
  }
}

export async function provisionPglite(samples: number): Promise<ProvisionFigures> {
  await using dir = await benchTempDir("provision-pglite");
  const kv = await openFileKv(dir.path);
  try {
    await using tenancy = pgliteTenancy(dir.path, {
      kv,
      migrations: await loadMigrations(),
      poolSize: POOL_SIZE,
    });
    return await provisionSeries(tenancy, "pglite", samples);
  } finally {
    kv.close();
  }
}

async function provisionSeries(
  tenancy: Tenancy,
  driver: ProvisionFigures["driver"],
  samples: number,
): Promise<ProvisionFigures> {
  const runs: { total: number; steps: number[] }[] = [];
  for (let n = 0; n <= samples; n++) {
    const marks: number[] = [performance.now()];
    const mark = (_step: ProvisionStep) => void marks.push(performance.now());
    const tenant = await provisionStudio(tenancy, benchStudio(n + 1, `speed-${driver}`), { afterStep: mark });
    marks.push(performance.now());
    if (tenant.status !== "active") throw new Error(`${tenant.slug} is ${tenant.status}, not active`);
    runs.push({ total: marks[4] - marks[0], steps: [1, 2, 3, 4].map((i) => marks[i] - marks[i - 1]) });
    progress(
      `provision ${driver}: ${n === 0 ? "first (template)" : `${n}/${samples}`} ${round(runs[n].total)} ms`,
    );
  }
  const [first, ...rest] = runs;
  const totals = rest.map((r) => r.total);
  const step = (i: number) => round(median(rest.map((r) => r.steps[i])));
  return {
    driver,
    firstMs: round(first.total),
    samples,
    medianMs: round(median(totals)),
    minMs: round(Math.min(...totals)),
    maxMs: round(Math.max(...totals)),
    stepsMedianMs: { catalog: step(0), database: step(1), profile: step(2), activate: step(3) },
  };
}

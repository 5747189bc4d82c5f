// Target 3: what resolving the studio and leasing its (already open) database adds to a request,
// measured in process as the difference between the same trivial handler with and without it.
import { Hono } from "hono";
import { getTenantBySlug } from "../../lib/kv/tenants.ts";
import { resolveStudio, type StudioContext } from "../../lib/http/studio.ts";
import { loadMigrations } from "../../lib/tenancy/migrations.ts";
import { provisionStudio } from "../../lib/tenancy/provision.ts";
import type { Tenancy } from "../../lib/tenancy/tenancy.ts";
import { startPostgres } from "../../lib/testing/postgres_server.ts";
import { realApp } from "./app.ts";
import { mean, median, percentile, progress, round } from "./measure.ts";
import { benchStudio, benchTempDir, openFileKv, postgresTenancy } from "./setup.ts";

const BASE_DOMAIN = "studios.example";

export interface LatencyFigures {
  medianUs: number;
  meanUs: number;
  p99Us: number;
}

export interface ResolveFigures {
  requests: number;
  warmup: number;
  /** Hono with only a handler returning text. */
  bare: LatencyFigures;
  /** The same with `resolveStudio` in front, requested at `<slug>.studios.example`. */
  studio: LatencyFigures;
  /** The same with `resolveStudio`, requested at the platform's own host (no studio). */
  platform: LatencyFigures;
  /** The parts of `studio`, timed alone: the two KV reads of getTenantBySlug, a pool lease and release. */
  catalogLookup: LatencyFigures;
  poolLease: LatencyFigures;
  /** studio − bare, in µs. */
  addedMedianUs: number;
  addedMeanUs: number;
  /** Through the whole app: `/s/<slug>/healthz` against `/healthz` (same handler). */
  realApp: { platform: LatencyFigures; studio: LatencyFigures; addedMedianUs: number; addedMeanUs: number };
}

/** One unit of work to time: a request (its body is read too) or a bare call. */
type Work = () => unknown;

export async function resolveOverhead(requests: number, warmup: number): Promise<ResolveFigures> {
  await using server = await startPostgres();
  await using dir = await benchTempDir("resolve");
  const kv = await openFileKv(dir.path);
  try {
    await using tenancy = postgresTenancy(server.url, {
      kv,
      migrations: await loadMigrations(),
      poolSize: 50,
      connectionsPerTenant: 2,
    });
    const { slug } = await provisionStudio(tenancy, benchStudio(1, "blue"));
    const isolated = isolatedApps(tenancy);
    const app = await realApp(tenancy, dir.path);
    const tenant = (await getTenantBySlug(kv, slug))!;
    const variants: Record<string, Work> = {
      bare: () => isolated.bare.request(`http://${slug}.${BASE_DOMAIN}/x`),
      studio: () => isolated.withStudio.request(`http://${slug}.${BASE_DOMAIN}/x`),
      platform: () => isolated.withStudio.request(`http://${BASE_DOMAIN}/x`),
      realPlatform: () => app.request("http://localhost/healthz"),
      realStudio: () => app.request(`http://localhost/s/${slug}/healthz`),
      lookup: () => getTenantBySlug(kv, slug),
      lease: async () => (await tenancy.pool.lease(tenant.database)).release(),
    };
    for (const name of ["bare", "studio", "platform", "realPlatform", "realStudio"]) {
      const res = await variants[name]() as Response;
      const text = await res.text();
      if (res.status !== 200) throw new Error(`${name}: ${res.status} ${text.slice(0, 200)}`);
    }
    if (isolated.studiosSeen() === 0) throw new Error("resolveStudio never set the studio");
    const samples = await interleaved(variants, requests, warmup);
    const figures = Object.fromEntries(
      Object.entries(samples).map(([name, values]) => [name, latency(values)]),
    ) as Record<keyof typeof variants, LatencyFigures>;
    return {
      requests,
      warmup,
      bare: figures.bare,
      studio: figures.studio,
      platform: figures.platform,
      catalogLookup: figures.lookup,
      poolLease: figures.lease,
      addedMedianUs: round(figures.studio.medianUs - figures.bare.medianUs),
      addedMeanUs: round(figures.studio.meanUs - figures.bare.meanUs),
      realApp: {
        platform: figures.realPlatform,
        studio: figures.realStudio,
        addedMedianUs: round(figures.realStudio.medianUs - figures.realPlatform.medianUs),
        addedMeanUs: round(figures.realStudio.meanUs - figures.realPlatform.meanUs),
      },
    };
  } finally {
    kv.close();
  }
}

function isolatedApps(tenancy: Tenancy) {
  let seen = 0;
  const bare = new Hono();
  bare.get("/x", (c) => c.text("ok"));
  const withStudio = new Hono<{ Variables: { studio?: StudioContext } }>();
  withStudio.use(resolveStudio(tenancy, BASE_DOMAIN));
  withStudio.get("/x", (c) => {
    if (c.get("studio")) seen++;
    return c.text("ok");
  });
  return { bare, withStudio, studiosSeen: () => seen };
}

/**
 * Every variant in turn, a batch at a time, so drift (GC, CPU frequency, a noisy neighbour) hits
 * them alike. Each request is timed on its own; the first `warmup` of each are dropped.
 */
async function interleaved(
  variants: Record<string, Work>,
  requests: number,
  warmup: number,
): Promise<Record<string, number[]>> {
  const batch = 500;
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((n) => [n, []]));
  const total = requests + warmup;
  for (let done = 0; done < total; done += batch) {
    const names = Object.keys(variants);
    // Alternate the order, so no variant always runs right after the same other one.
    if ((done / batch) % 2) names.reverse();
    for (const name of names) {
      const work = variants[name];
      for (let i = 0; i < Math.min(batch, total - done); i++) {
        const started = performance.now();
        const result = await work();
        if (result instanceof Response) await result.arrayBuffer();
        const us = (performance.now() - started) * 1000;
        if (done + i >= warmup) samples[name].push(us);
      }
    }
    if ((done / batch) % 10 === 0) progress(`resolve overhead: ${done}/${total} requests per variant`);
  }
  return samples;
}

function latency(us: number[]): LatencyFigures {
  return { medianUs: round(median(us)), meanUs: round(mean(us)), p99Us: round(percentile(us, 99)) };
}

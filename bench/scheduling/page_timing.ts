// Target 1: server time of calendar pages for a big studio, request after request (no concurrency),
// from the app's own request log, with the client's time on loopback beside it.
import { median, percentile, round } from "../tenancy/measure.ts";
import type { AppServer } from "./app_server.ts";
import { progress } from "./progress.ts";

/** One page to time, and what it must show for its timings to count. */
export interface PageVariant {
  name: string;
  /** Path and query under the studio, e.g. `/app/calendar?view=week&date=…`. */
  path: string;
  /** Sessions the page must link to (blocks in the window): a page that shows fewer is a failure. */
  expectedBlocks: number;
}

export interface Latency {
  medianMs: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface PageTiming {
  name: string;
  path: string;
  requests: number;
  blocksShown: number;
  htmlKb: number;
  /** From the app's request log: first middleware to finished response. */
  server: Latency;
  /** fetch() on 127.0.0.1 to the last byte of the body. */
  client: Latency;
}

/** Links to a session's page: one per block the calendar places. */
const SESSION_LINK = /\/app\/sessions\/bkg_[A-Za-z0-9_]+"/g;

/**
 * Requests every variant in turn, `warmup + requests` times, one request at a time, so drift on a
 * shared machine falls on all of them alike. Each response must be a 200 showing the expected
 * number of sessions.
 */
export async function timePages(
  app: AppServer,
  options: { base: string; cookie: string; variants: PageVariant[]; requests: number; warmup: number },
): Promise<PageTiming[]> {
  const { variants, requests, warmup } = options;
  const samples = variants.map(() => ({
    server: [] as number[],
    client: [] as number[],
    bytes: 0,
    blocks: 0,
  }));
  for (let i = 0; i < warmup + requests; i++) {
    for (const [v, variant] of variants.entries()) {
      const url = `${app.origin}${options.base}${variant.path}`;
      const started = performance.now();
      const res = await fetch(url, { headers: { cookie: options.cookie }, redirect: "manual" });
      const html = await res.text();
      const clientMs = performance.now() - started;
      // The log names the path routes see, without the /s/<slug> prefix.
      const line = await app.nextRequestLine(new URL(variant.path, app.origin).pathname);
      if (res.status !== 200) throw new Error(`${variant.name}: ${res.status} ${html.slice(0, 300)}`);
      if (i === 0) {
        const shown = html.match(SESSION_LINK)?.length ?? 0;
        if (shown !== variant.expectedBlocks) {
          throw new Error(
            `${variant.name}: shows ${shown} sessions, the window holds ${variant.expectedBlocks}`,
          );
        }
        samples[v].blocks = shown;
        samples[v].bytes = new TextEncoder().encode(html).length;
      }
      if (i >= warmup) {
        samples[v].server.push(line.ms);
        samples[v].client.push(clientMs);
      }
    }
    if ((i + 1) % 50 === 0) progress(`calendar pages: ${i + 1}/${warmup + requests} rounds`);
  }
  return variants.map((variant, v) => ({
    name: variant.name,
    path: variant.path,
    requests,
    blocksShown: samples[v].blocks,
    htmlKb: round(samples[v].bytes / 1024),
    server: latency(samples[v].server),
    client: latency(samples[v].client),
  }));
}

export function latency(ms: number[]): Latency {
  return {
    medianMs: round(median(ms), 2),
    p95Ms: round(percentile(ms, 95), 2),
    p99Ms: round(percentile(ms, 99), 2),
    maxMs: round(Math.max(...ms), 2),
  };
}

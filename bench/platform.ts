// Issue 2 benchmarks: JavaScript shipped, throughput of a 50-row page with one island against the
// /healthz baseline (and a bare Hono handler), cold start and memory. Prints a Markdown report.
//   deno run -A bench/platform.ts [--seconds 20] [--runs 3]
import { parseArgs } from "node:util";
import { stat } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { build } from "../lib/fw/build.ts";
import { freePort, rssMb, spawnDeno, stop, waitFor200 } from "./lib/process.ts";
import { type LoadResult, medianRun, wrk } from "./lib/wrk.ts";

const { values } = parseArgs({
  options: { seconds: { type: "string", default: "20" }, runs: { type: "string", default: "3" } },
});
const seconds = Number(values.seconds);
const runs = Number(values.runs);
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const FIXTURE = fileURLToPath(new URL("../lib/fw/testdata/site", import.meta.url));

await build({ root: ROOT });
await build({ root: FIXTURE });

/** Gzip bytes of every module a page loads: its modulepreload links cover the whole graph. */
async function javascriptBytes(html: string, root: string): Promise<number> {
  const urls = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]);
  let total = 0;
  for (const url of urls) total += (await stat(`${root}/.build/static${url}.gz`)).size;
  return total;
}

async function coldStart(): Promise<number> {
  const port = freePort();
  const started = performance.now();
  const child = spawnDeno(`${ROOT}/main.ts`, {
    PORT: String(port),
    DATA_DIR: Deno.makeTempDirSync({ prefix: "rsm-cold-" }),
    LOG_LEVEL: "error",
  });
  try {
    return await waitFor200(`http://127.0.0.1:${port}/healthz`, 15_000, started);
  } finally {
    await stop(child);
  }
}

const port = freePort();
const barePort = freePort();
const server = spawnDeno(`${ROOT}/bench/fixture_server.ts`, {
  PORT: String(port),
  BARE_PORT: String(barePort),
});
const base = `http://127.0.0.1:${port}`;
try {
  await waitFor200(`${base}/healthz`);
  await waitFor200(`http://127.0.0.1:${barePort}/`);
  const rssAfterStart = rssMb(server.pid);
  const tableHtml = await (await fetch(`${base}/table`)).text();
  const homeHtml = await (await fetch(`${base}/`)).text();
  const appHome = await javascriptBytes(homeHtml, FIXTURE);

  const measure = async (url: string) => {
    await wrk(url, { seconds: 2 }); // warm-up
    const results: LoadResult[] = [];
    for (let i = 0; i < runs; i++) results.push(await wrk(url, { seconds }));
    return medianRun(results);
  };
  const bare = await measure(`http://127.0.0.1:${barePort}/`);
  const healthz = await measure(`${base}/healthz`);
  const table = await measure(`${base}/table`);
  const rssUnderLoad = rssMb(server.pid);

  const starts: number[] = [];
  for (let i = 0; i < 5; i++) starts.push(await coldStart());
  starts.sort((a, b) => a - b);

  const row = (name: string, r: LoadResult) =>
    `| ${name} | ${Math.round(r.rps)} | ${r.p50Ms.toFixed(2)} | ${r.p99Ms.toFixed(2)} | ${r.errors} | ${
      (r.rps / healthz.rps).toFixed(2)
    } | ${(r.rps / bare.rps).toFixed(2)} |`;
  console.log(`
### Platform (issue 2) — ${
    new Date().toISOString().slice(0, 10)
  }, wrk -t2 -c32 -d${seconds}s, median of ${runs}

| target | req/s | p50 ms | p99 ms | errors | ÷ /healthz | ÷ bare Hono |
|---|---|---|---|---|---|---|
${row("bare Hono handler", bare)}
${row("/healthz (full middleware stack)", healthz)}
${row("50-row page + 1 island (full HTML)", table)}

| measure | value | target |
|---|---|---|
| JS for the 50-row page with one island (gzip) | ${
    (await javascriptBytes(tableHtml, FIXTURE) / 1024).toFixed(1)
  } KB | ≤ 12 KB |
| JS for a page without islands | ${appHome} bytes | 0 |
| HTML of the 50-row page (raw) | ${(tableHtml.length / 1024).toFixed(1)} KB | — |
| cold start to first 200 (built app, median of 5) | ${Math.round(starts[2])} ms (min ${
    Math.round(starts[0])
  }, max ${Math.round(starts[4])}) | < 300 ms |
| server RSS after start / after load | ${rssAfterStart} MB / ${rssUnderLoad} MB | ≤ 100 / ≤ 200 MB |
`);
} finally {
  await stop(server);
}

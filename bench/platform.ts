// Issue 2 benchmarks: JavaScript shipped, throughput of a 50-row page with one island against the
// /healthz baseline (and a bare Hono handler in a process of its own), cold start and the app
// server's memory. Prints a Markdown report.
//   deno run -A bench/platform.ts [--seconds 20] [--runs 3]
import { parseArgs } from "node:util";
import { stat } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { build } from "../lib/fw/build.ts";
import { freePort } from "../lib/testing/free_port.ts";
import { cpuSeconds, rssMb, spawnDeno, stop, waitFor200 } from "./lib/process.ts";
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
const server = spawnDeno(`${ROOT}/bench/fixture_server.ts`, { PORT: String(port) });
const bareServer = spawnDeno(`${ROOT}/bench/bare_server.ts`, { PORT: String(barePort) });
const base = `http://127.0.0.1:${port}`;
try {
  await waitFor200(`${base}/healthz`);
  await waitFor200(`http://127.0.0.1:${barePort}/`);
  const rssAfterStart = rssMb(server.pid);
  const tableHtml = await (await fetch(`${base}/table`)).text();
  const homeHtml = await (await fetch(`${base}/`)).text();
  const appHome = await javascriptBytes(homeHtml, FIXTURE);

  const targets = [
    { name: "bare Hono handler", url: `http://127.0.0.1:${barePort}/`, pid: bareServer.pid },
    { name: "/healthz (full middleware stack)", url: `${base}/healthz`, pid: server.pid },
    { name: "50-row page + 1 island (full HTML)", url: `${base}/table`, pid: server.pid },
  ];
  for (const target of targets) await wrk(target.url, { seconds: 2 }); // warm-up
  // Rounds visit every target in turn, so a burst of background load on a shared machine falls on
  // all of them alike. Server CPU per request (user + system, all threads of the server process)
  // is read from /proc around each run: it moves far less with background load than req/s does.
  const runsOf = targets.map(() => [] as (LoadResult & { cpuUs: number })[]);
  for (let i = 0; i < runs; i++) {
    for (const [t, target] of targets.entries()) {
      const cpuBefore = cpuSeconds(target.pid);
      const result = await wrk(target.url, { seconds });
      runsOf[t].push({ ...result, cpuUs: (cpuSeconds(target.pid) - cpuBefore) * 1e6 / result.requests });
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const [bare, healthz, table] = runsOf.map((r) => ({
    ...medianRun(r),
    cpuUs: median(r.map((x) => x.cpuUs)),
  }));
  const rssAfterLoad = rssMb(server.pid);
  const rssPeak = rssMb(server.pid, "VmHWM");

  const starts: number[] = [];
  for (let i = 0; i < 5; i++) starts.push(await coldStart());
  starts.sort((a, b) => a - b);

  const row = (name: string, r: typeof bare) =>
    `| ${name} | ${Math.round(r.rps)} | ${r.p50Ms.toFixed(2)} | ${r.p99Ms.toFixed(2)} | ${r.errors} | ${
      Math.round(r.cpuUs)
    } | ${(r.rps / healthz.rps).toFixed(2)} | ${(r.rps / bare.rps).toFixed(2)} |`;
  console.log(`
### Platform (issue 2) — ${
    new Date().toISOString().slice(0, 10)
  }, wrk -t2 -c32 -d${seconds}s, median of ${runs}

| target | req/s | p50 ms | p99 ms | errors | server CPU µs/req | ÷ /healthz | ÷ bare Hono |
|---|---|---|---|---|---|---|---|
${targets.map((target, t) => row(target.name, [bare, healthz, table][t])).join("\n")}

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
| app server RSS after start / after load (peak) | ${rssAfterStart} MB / ${rssAfterLoad} MB (${rssPeak} MB) | ≤ 100 / ≤ 200 MB |
| 50-row page throughput ÷ /healthz (by server CPU per request) | ${(table.rps / healthz.rps).toFixed(2)} (${
    (healthz.cpuUs / table.cpuUs).toFixed(2)
  }) | ≥ 0.25 |
`);
} finally {
  await stop(server);
  await stop(bareServer);
}

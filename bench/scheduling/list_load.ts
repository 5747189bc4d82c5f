// Target 2: the 100-row sessions list as full HTML under wrk (32 connections), against the bare
// Hono baseline and the app's /healthz measured in the same rounds; plus what its first load costs
// a browser (JavaScript, requests).
import { fileURLToPath } from "node:url";
import { freePort } from "../../lib/testing/free_port.ts";
import { spawnDeno, stop, waitFor200 } from "../lib/process.ts";
import { type LoadResult, medianRun, parseWrk } from "../lib/wrk.ts";
import { median, round } from "../tenancy/measure.ts";
import type { AppServer } from "./app_server.ts";
import { cpuPer, type CpuShare, readCpu } from "./cpu_meter.ts";
import { progress } from "./progress.ts";

const BARE = fileURLToPath(new URL("../bare_server.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface LoadFigures extends LoadResult {
  /** CPU per request (median of the runs): `appUs` is the server loaded (bare Hono or the app). */
  cpu: CpuShare;
  /** Response bytes per request as wrk read them (headers included). */
  bytesPerRequest: number;
}

export interface ListFigures {
  seconds: number;
  runs: number;
  connections: number;
  rows: number;
  hasNextPage: boolean;
  htmlKb: number;
  htmlGzipKb: number;
  /** Gzip bytes of scripts and module preloads the page references. */
  javascriptBytes: number;
  /** The document plus every subresource the HTML and its stylesheets reference. */
  firstLoadRequests: number;
  subresources: string[];
  stylesheetGzipKb: number;
  bare: LoadFigures;
  healthz: LoadFigures;
  list: LoadFigures;
}

/** wrk with extra headers, `connections` connections on 2 threads, reporting bytes read too. */
export async function wrkLoad(
  url: string,
  { seconds, connections = 32, headers = {} }: {
    seconds: number;
    connections?: number;
    headers?: Record<string, string>;
  },
): Promise<LoadResult & { bytes: number }> {
  const headerArgs = Object.entries(headers).flatMap(([name, value]) => ["-H", `${name}: ${value}`]);
  const out = await new Deno.Command("wrk", {
    args: ["-t2", `-c${connections}`, `-d${seconds}s`, "--latency", ...headerArgs, url],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout);
  if (!out.success) throw new Error(`wrk failed: ${new TextDecoder().decode(out.stderr)}`);
  return { ...parseWrk(text), bytes: bytesRead(text) };
}

/** wrk's "N requests in Ts, X.YYMB read", in bytes. */
export function bytesRead(text: string): number {
  const m = text.match(/requests in [\d.]+\w+, ([\d.]+)(B|KB|MB|GB) read/);
  if (!m) throw new Error(`no bytes read in wrk output:\n${text}`);
  return Number(m[1]) * ({ B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 } as Record<string, number>)[m[2]];
}

/** Subresources a browser fetches for this HTML: stylesheets, scripts, preloads, icons, images. */
export function subresourcesOf(html: string): string[] {
  const urls = new Set<string>();
  for (const m of html.matchAll(/<(?:link|script|img|source)\b[^>]*>/g)) {
    const tag = m[0];
    const rel = tag.match(/\brel="([^"]+)"/)?.[1] ?? "";
    const href = tag.match(/\b(?:href|src)="([^"]+)"/)?.[1];
    if (!href) continue;
    if (tag.startsWith("<link") && !/\b(stylesheet|modulepreload|preload|icon)\b/.test(rel)) continue;
    urls.add(href);
  }
  return [...urls];
}

const gzipSize = async (bytes: Uint8Array<ArrayBuffer>) =>
  (await new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream("gzip"))).arrayBuffer())
    .byteLength;

/** Built assets are served from their precompressed `.gz` (lib/fw/build.ts): its size is what a browser gets. */
async function precompressedSize(pathname: string): Promise<number | undefined> {
  try {
    return (await Deno.stat(`${ROOT}/.build/static${pathname}.gz`)).size;
  } catch {
    return undefined;
  }
}

/**
 * Loads the list on `app`; the /healthz reference runs on `reference`, a second app server, so the
 * list server's CPU figures and profile are the list's alone.
 */
export async function sessionListLoad(
  app: AppServer,
  reference: AppServer,
  options: {
    base: string;
    cookie: string;
    path: string;
    seconds: number;
    runs: number;
    connections: number;
    postgresDataDir: string;
  },
): Promise<ListFigures> {
  const url = `${app.origin}${options.base}${options.path}`;
  const headers = { cookie: options.cookie };
  const res = await fetch(url, { headers, redirect: "manual" });
  const html = await res.text();
  if (res.status !== 200) throw new Error(`sessions list: ${res.status} ${html.slice(0, 300)}`);
  const rows = html.match(/<th scope="row"/g)?.length ?? 0;
  if (rows !== 100) throw new Error(`sessions list shows ${rows} rows, not 100: widen the window`);
  const htmlBytes = new TextEncoder().encode(html);

  // First load: the document, then what it references, then what the stylesheets reference.
  const subresources = subresourcesOf(html);
  let javascriptBytes = 0;
  let stylesheetGzip = 0;
  for (const href of [...subresources]) {
    const asset = await fetch(new URL(href, url), { headers: { "accept-encoding": "gzip" } });
    const body = new Uint8Array(await asset.arrayBuffer());
    if (asset.status !== 200) throw new Error(`${href}: ${asset.status}`);
    const type = asset.headers.get("content-type") ?? "";
    const gzip = await precompressedSize(new URL(href, url).pathname) ?? await gzipSize(body);
    if (type.includes("javascript")) javascriptBytes += gzip;
    if (type.includes("css")) {
      stylesheetGzip += gzip;
      for (const m of new TextDecoder().decode(body).matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)) {
        if (!m[1].startsWith("data:")) subresources.push(m[1]);
      }
    }
  }

  const barePort = freePort();
  const bare = spawnDeno(BARE, { PORT: String(barePort) });
  try {
    await waitFor200(`http://127.0.0.1:${barePort}/`);
    const targets = [
      { name: "bare Hono", url: `http://127.0.0.1:${barePort}/`, pid: bare.pid, headers: {} },
      { name: "/healthz", url: `${reference.origin}/healthz`, pid: reference.pid, headers: {} },
      { name: "sessions list", url, pid: app.pid, headers },
    ];
    for (const target of targets) await wrkLoad(target.url, { seconds: 2, headers: target.headers });
    const runsOf = targets.map(() => [] as (LoadResult & { cpu: CpuShare; bytes: number })[]);
    for (let run = 0; run < options.runs; run++) {
      for (const [t, target] of targets.entries()) {
        const before = readCpu(target.pid, options.postgresDataDir);
        const result = await wrkLoad(target.url, {
          seconds: options.seconds,
          connections: options.connections,
          headers: target.headers,
        });
        const cpu = cpuPer(before, readCpu(target.pid, options.postgresDataDir), result.requests);
        runsOf[t].push({ ...result, cpu });
        progress(
          `sessions list load, run ${run + 1}/${options.runs}: ${target.name} ${
            Math.round(result.rps)
          } req/s`,
        );
      }
    }
    const [bareFigures, healthz, list] = runsOf.map((runs): LoadFigures => {
      const chosen = medianRun(runs) as LoadResult & { bytes: number; cpu: CpuShare };
      const middle = (pick: (c: CpuShare) => number) => round(median(runs.map((r) => pick(r.cpu))), 2);
      return {
        ...chosen,
        rps: round(chosen.rps),
        cpu: {
          appUs: middle((c) => c.appUs),
          postgresUs: middle((c) => c.postgresUs),
          benchUs: middle((c) => c.benchUs),
          machineBusy: middle((c) => c.machineBusy),
        },
        bytesPerRequest: Math.round(chosen.bytes / chosen.requests),
      };
    });
    // wrk counts a redirect (to sign-in, say) as a success: every answer must have been the page.
    if (list.bytesPerRequest < htmlBytes.length) {
      throw new Error(
        `the list answered ${list.bytesPerRequest} bytes per request, the page is ${htmlBytes.length}`,
      );
    }
    return {
      seconds: options.seconds,
      runs: options.runs,
      connections: options.connections,
      rows,
      hasNextPage: html.includes("after_block="),
      htmlKb: round(htmlBytes.length / 1024),
      htmlGzipKb: round(await gzipSize(htmlBytes) / 1024),
      javascriptBytes,
      firstLoadRequests: 1 + new Set(subresources).size,
      subresources: [...new Set(subresources)],
      stylesheetGzipKb: round(stylesheetGzip / 1024),
      bare: bareFigures,
      healthz,
      list,
    };
  } finally {
    await stop(bare);
  }
}

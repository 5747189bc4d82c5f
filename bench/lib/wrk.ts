/** One wrk run's figures. */
export interface LoadResult {
  rps: number;
  /** Requests completed in the run. */
  requests: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

/** Runs wrk (Debian package) against `url`: 2 threads, `connections` connections, `seconds` long. */
export async function wrk(url: string, { connections = 32, seconds = 20 } = {}): Promise<LoadResult> {
  const out = await new Deno.Command("wrk", {
    args: ["-t2", `-c${connections}`, `-d${seconds}s`, "--latency", url],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout);
  if (!out.success) throw new Error(`wrk failed: ${new TextDecoder().decode(out.stderr)}`);
  return parseWrk(text);
}

/** Parses wrk's --latency report. */
export function parseWrk(text: string): LoadResult {
  const latency = (pct: string) => {
    const m = text.match(new RegExp(`^\\s*${pct}%\\s+([\\d.]+)(us|ms|s)`, "m"));
    if (!m) throw new Error(`no ${pct}% latency in wrk output:\n${text}`);
    return Number(m[1]) * ({ us: 0.001, ms: 1, s: 1000 } as Record<string, number>)[m[2]];
  };
  const rps = Number(text.match(/Requests\/sec:\s+([\d.]+)/)?.[1]);
  const requests = Number(text.match(/^\s*(\d+) requests in /m)?.[1]);
  const non2xx = Number(text.match(/Non-2xx or 3xx responses:\s+(\d+)/)?.[1] ?? 0);
  const socket = text.match(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/);
  const socketErrors = socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0;
  return { rps, requests, p50Ms: latency("50"), p99Ms: latency("99"), errors: non2xx + socketErrors };
}

/** The median run by requests per second. */
export function medianRun(runs: LoadResult[]): LoadResult {
  return [...runs].sort((a, b) => a.rps - b.rps)[Math.floor(runs.length / 2)];
}

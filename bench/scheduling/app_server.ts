// The app server the scheduling benchmarks load: bench/scheduling/serve.ts in a process of its own
// (so its CPU and memory are its own), configured through environment variables like production.
// With LOG_LEVEL=debug its request log (one JSON line per request, with the server-side `ms` from
// the first middleware to the finished response) is read back as the server's own timing.
import { fileURLToPath } from "node:url";
import { freePort } from "../../lib/testing/free_port.ts";
import { stop, waitFor200 } from "../lib/process.ts";

const SERVE = fileURLToPath(new URL("./serve.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** One line of the app's request log (lib/http/request_log.ts). */
export interface RequestLogLine {
  path: string;
  status: number;
  /** Server time in ms, to 0.1 ms. */
  ms: number;
}

export interface AppServer extends AsyncDisposable {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly pid: number;
  /**
   * The next request log line for `path` not yet taken, skipping other paths' lines (LOG_LEVEL=debug
   * only); rejects after `timeoutMs`.
   */
  nextRequestLine(path: string, timeoutMs?: number): Promise<RequestLogLine>;
  /** Log lines at level error seen so far (5xx responses among them). */
  readonly errorLines: string[];
  stop(): Promise<void>;
}

/**
 * Starts the app on a free loopback port with `env` on top of the inherited environment;
 * `denoFlags` go to `deno run` (e.g. `--cpu-prof`, whose profile is written when it stops).
 */
export async function startAppServer(
  env: Record<string, string>,
  denoFlags: string[] = [],
): Promise<AppServer> {
  const port = freePort();
  const origin = `http://127.0.0.1:${port}`;
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", ...denoFlags, SERVE],
    cwd: ROOT,
    env: { ...env, PORT: String(port), LISTEN_HOST: "127.0.0.1", BASE_URL: origin },
    stdin: "null",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  // An interrupted benchmark must not leave the server running against a deleted database.
  const kill = () => {
    try {
      child.kill("SIGKILL");
    } catch {
      // already gone
    }
  };
  globalThis.addEventListener("unload", kill);

  const lines: RequestLogLine[] = [];
  const errorLines: string[] = [];
  let waiting: (() => void) | undefined;
  const reading = (async () => {
    let buffered = "";
    for await (const chunk of child.stdout.pipeThrough(new TextDecoderStream())) {
      buffered += chunk;
      const complete = buffered.split("\n");
      buffered = complete.pop()!;
      for (const line of complete) {
        if (!line.startsWith("{")) continue;
        const entry = JSON.parse(line);
        if (entry.level === "error") errorLines.push(line);
        if (entry.msg === "request") lines.push({ path: entry.path, status: entry.status, ms: entry.ms });
      }
      waiting?.();
    }
  })();

  let taken = 0;
  const nextRequestLine = async (path: string, timeoutMs = 5_000): Promise<RequestLogLine> => {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      while (taken < lines.length) {
        const line = lines[taken++];
        if (line.path === path) return line;
      }
      if (performance.now() > deadline) {
        throw new Error(`no request log line for ${path}: is LOG_LEVEL=debug?`);
      }
      await new Promise<void>((resolve) => {
        waiting = resolve;
        setTimeout(resolve, 50);
      });
    }
  };

  let stopping: Promise<void> | undefined;
  const stopServer = () => {
    stopping ??= (async () => {
      await stop(child);
      await reading.catch(() => {});
      globalThis.removeEventListener("unload", kill);
    })();
    return stopping;
  };
  let ready = false;
  // A server that dies at start-up (a bad configuration, a broken import) fails the bench at once.
  const exitedEarly = child.status.then(({ code }) => {
    if (!ready) throw new Error(`the app server exited with ${code} before answering`);
  });
  exitedEarly.catch(() => {}); // reported through the race below
  try {
    await Promise.race([waitFor200(`${origin}/healthz`, 30_000), exitedEarly]);
    ready = true;
  } catch (err) {
    await stopServer();
    throw err;
  }
  return {
    origin,
    pid: child.pid,
    nextRequestLine,
    errorLines,
    stop: stopServer,
    [Symbol.asyncDispose]: stopServer,
  };
}

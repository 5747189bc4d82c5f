/**
 * A real, throwaway PostgreSQL server for tests and benchmarks, built from Debian's `postgresql`
 * package (`apt-get install postgresql`; contrib, hence btree_gist and pg_trgm, comes with it).
 *
 * Each server is a fresh cluster in its own temp dir: superuser `postgres`, trust auth, listening
 * on 127.0.0.1 only, durability turned off for speed. Test files should prefer one server per file:
 *
 * ```ts
 * await using server = await startPostgres();
 * const sql = postgres(server.url);
 * ```
 *
 * Environment: `PG_BIN` picks the binaries (default: the newest `/usr/lib/postgresql/<ver>/bin`);
 * `TEST_POSTGRES_URL` makes {@link sharedPostgres} use an existing server instead of starting one.
 */
import { existsSync, rmSync } from "node:fs";
import { freePort } from "./free_port.ts";

export interface PostgresServer extends AsyncDisposable {
  /** `postgres://postgres@127.0.0.1:PORT/postgres`: a superuser, no password. */
  readonly url: string;
  readonly port: number;
  /** The cluster's data directory; "" for a server given by `TEST_POSTGRES_URL`. */
  readonly dataDir: string;
  /** Fast shutdown, then removes the temp dir. Calling it again returns the same promise. */
  stop(): Promise<void>;
}

export interface StartPostgresOptions {
  /** Default 200. */
  maxConnections?: number;
  /** Default: a free port, picked again if another process takes it first. */
  port?: number;
}

const START_TIMEOUT_SECONDS = 20;
const PORT_ATTEMPTS = 5;

/** Where one cluster lives; `root` is the temp dir that holds everything else. */
interface Cluster {
  bin: string;
  root: string;
  dataDir: string;
  socketDir: string;
  logFile: string;
  /** Postgres refuses to run as root, so as root every server program runs as the `postgres` user. */
  asPostgresUser: boolean;
}

/**
 * Starts a fresh cluster and resolves once it accepts connections. The first call in a process
 * runs initdb (about 0.5 s on tmpfs); later ones copy that pristine data directory instead.
 */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<PostgresServer> {
  const maxConnections = options.maxConnections ?? 200;
  if (!Number.isInteger(maxConnections) || maxConnections < 1) {
    throw new RangeError(`maxConnections must be a positive integer, got ${maxConnections}`);
  }
  const template = await templateCluster(postgresBinDir());
  const cluster = await makeCluster(template.bin);
  try {
    const copy = await new Deno.Command("cp", {
      args: ["-a", template.dataDir, cluster.dataDir],
      stdout: "null",
      stderr: "piped",
    }).output();
    if (!copy.success) {
      throw new Error(`Copying the initdb template failed: ${new TextDecoder().decode(copy.stderr)}`);
    }
    const port = await startServer(cluster, maxConnections, options.port);
    running.add(cluster);
    return serverHandle(cluster, port);
  } catch (err) {
    try {
      stopNow(cluster);
    } catch (cleanupError) {
      throw new AggregateError(
        [err, cleanupError],
        `PostgreSQL did not start, and ${cluster.root} is left behind`,
      );
    }
    throw err;
  }
}

let shared: Promise<PostgresServer> | undefined;

/**
 * One server for every test in this process, started on first use and stopped when the process
 * exits (the `unload` event; a process killed by a signal leaves it behind, so test files should
 * prefer their own `await using server = await startPostgres()`). Its `stop()` does nothing, so
 * one test cannot take it away from the others. With `TEST_POSTGRES_URL` set, it points at that
 * server instead and starts nothing.
 */
export function sharedPostgres(): Promise<PostgresServer> {
  shared ??= openShared();
  return shared;
}

async function openShared(): Promise<PostgresServer> {
  const noop = () => Promise.resolve();
  const external = Deno.env.get("TEST_POSTGRES_URL");
  if (external) {
    const port = Number(new URL(external).port || 5432);
    return { url: external, port, dataDir: "", stop: noop, [Symbol.asyncDispose]: noop };
  }
  const { url, port, dataDir } = await startPostgres();
  return { url, port, dataDir, stop: noop, [Symbol.asyncDispose]: noop };
}

function serverHandle(cluster: Cluster, port: number): PostgresServer {
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= stopServer(cluster);
    return stopping;
  };
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dataDir: cluster.dataDir,
    stop,
    [Symbol.asyncDispose]: stop,
  };
}

/** One never-started, initdb'd cluster per process and set of binaries, removed at exit. */
const templates = new Map<string, Promise<Cluster>>();

function templateCluster(bin: string): Promise<Cluster> {
  let template = templates.get(bin);
  if (!template) {
    template = makeCluster(bin).then(async (cluster) => {
      leftovers.add(cluster);
      await initCluster(cluster);
      return cluster;
    });
    templates.set(bin, template);
  }
  return template;
}

async function makeCluster(bin: string): Promise<Cluster> {
  const asPostgresUser = Deno.uid() === 0;
  const owner = asPostgresUser ? await postgresUserIds() : undefined;
  const root = await Deno.makeTempDir({ dir: await tempBase(), prefix: "rsm-postgres-" });
  const cluster: Cluster = {
    bin,
    root,
    dataDir: `${root}/data`,
    socketDir: `${root}/socket`,
    logFile: `${root}/server.log`,
    asPostgresUser,
  };
  try {
    await Deno.mkdir(cluster.socketDir);
    if (owner) {
      await Deno.chown(root, owner.uid, owner.gid);
      await Deno.chown(cluster.socketDir, owner.uid, owner.gid);
    }
  } catch (err) {
    rmSync(root, { recursive: true, force: true });
    throw err;
  }
  return cluster;
}

let tempBaseDir: Promise<string | undefined> | undefined;

/**
 * /dev/shm when it is tmpfs with room to spare and TMPDIR is not set: there initdb takes 0.5 s
 * instead of 1.2 s on the ext4 /tmp of our CI machines, and copying a cluster 50 ms instead of
 * 0.6 s. Docker's default 64 MB /dev/shm is too small, hence the free-space check. tmpfs is RAM:
 * a benchmark that seeds gigabytes should set TMPDIR to a disk.
 */
function tempBase(): Promise<string | undefined> {
  tempBaseDir ??= (async () => {
    if (Deno.env.get("TMPDIR") || !existsSync("/dev/shm")) return undefined;
    const df = await new Deno.Command("df", { args: ["-Pk", "/dev/shm"], stdout: "piped", stderr: "null" })
      .output();
    const availableKiB = Number(new TextDecoder().decode(df.stdout).split("\n")[1]?.split(/\s+/)[3]);
    return df.success && availableKiB >= 2 * 1024 * 1024 ? "/dev/shm" : undefined;
  })();
  return tempBaseDir;
}

async function initCluster(cluster: Cluster): Promise<void> {
  const result = await run(cluster, "initdb", [
    `--pgdata=${cluster.dataDir}`,
    "--username=postgres",
    "--auth=trust",
    "--encoding=UTF8",
    `--locale=${await clusterLocale()}`,
    // The cluster is thrown away after the tests: nothing needs to reach the disk.
    "--no-sync",
    "--no-instructions",
  ]);
  if (!result.success) throw new Error(`initdb failed:\n${result.output}`);
}

async function startServer(cluster: Cluster, maxConnections: number, fixedPort?: number): Promise<number> {
  for (let attempt = 1;; attempt++) {
    const port = fixedPort ?? freePort();
    const logStart = existsSync(cluster.logFile) ? (await Deno.stat(cluster.logFile)).size : 0;
    const settings: Record<string, string> = {
      listen_addresses: "127.0.0.1",
      port: String(port),
      unix_socket_directories: cluster.socketDir,
      max_connections: String(maxConnections),
      shared_buffers: "128MB",
      // Test speed over crash safety: the cluster does not outlive the process that made it.
      fsync: "off",
      synchronous_commit: "off",
      full_page_writes: "off",
    };
    const serverOptions = Object.entries(settings).map(([name, value]) => `-c ${name}=${shellQuote(value)}`);
    // -w waits until postmaster.pid says "ready", which the server writes once it accepts connections.
    const result = await run(cluster, "pg_ctl", [
      "start",
      `--pgdata=${cluster.dataDir}`,
      `--log=${cluster.logFile}`,
      "--wait",
      `--timeout=${START_TIMEOUT_SECONDS}`,
      "--silent",
      `--options=${serverOptions.join(" ")}`,
    ]);
    if (result.success) return port;
    const log = await logTail(cluster.logFile, logStart);
    const portTaken = /could not bind .*Address already in use/.test(log);
    if (portTaken && fixedPort === undefined && attempt < PORT_ATTEMPTS) continue;
    throw new Error(
      `PostgreSQL did not start on 127.0.0.1:${port} (pg_ctl waits up to ${START_TIMEOUT_SECONDS} s).\n` +
        `pg_ctl: ${result.output.trim()}\nServer log (${cluster.logFile}), last lines:\n${log}`,
    );
  }
}

async function stopServer(cluster: Cluster): Promise<void> {
  running.delete(cluster);
  const pidFile = `${cluster.dataDir}/postmaster.pid`;
  // No --wait: pg_ctl polls every 100 ms, while a fast shutdown of a test cluster takes about 20 ms.
  const stop = await run(cluster, "pg_ctl", [
    "stop",
    `--pgdata=${cluster.dataDir}`,
    "--mode=fast",
    "--no-wait",
  ]);
  const deadline = Date.now() + START_TIMEOUT_SECONDS * 1000;
  while (stop.success && existsSync(pidFile) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  // pg_ctl stop also fails when the server already died; status exits with 3 when none runs.
  const stillRunning = stop.success
    ? existsSync(pidFile)
    : (await run(cluster, "pg_ctl", ["status", `--pgdata=${cluster.dataDir}`])).code !== 3;
  if (stillRunning) {
    throw new Error(
      `PostgreSQL did not stop: ${stop.output.trim()}\nServer log (${cluster.logFile}), last lines:\n` +
        await logTail(cluster.logFile, 0),
    );
  }
  await Deno.remove(cluster.root, { recursive: true });
}

/**
 * Synchronous, because it also runs from `unload`, where promises are never awaited. Immediate
 * shutdown: the cluster is deleted right after, so there is nothing to checkpoint.
 */
function stopNow(cluster: Cluster): void {
  running.delete(cluster);
  if (existsSync(`${cluster.dataDir}/postmaster.pid`)) {
    const [program, ...args] = commandLine(cluster, "pg_ctl", [
      "stop",
      `--pgdata=${cluster.dataDir}`,
      "--mode=immediate",
      "--wait",
      "--silent",
    ]);
    new Deno.Command(program, { args, cwd: cluster.root, stdout: "null", stderr: "null" }).outputSync();
  }
  rmSync(cluster.root, { recursive: true, force: true });
}

/** Servers started and not yet stopped, and templates: a safety net removes them when the process exits. */
const running = new Set<Cluster>();
const leftovers = new Set<Cluster>();
globalThis.addEventListener("unload", () => {
  for (const cluster of running) stopNow(cluster);
  for (const cluster of leftovers) rmSync(cluster.root, { recursive: true, force: true });
});

async function run(
  cluster: Cluster,
  program: string,
  args: string[],
): Promise<{ success: boolean; code: number; output: string }> {
  const [command, ...commandArgs] = commandLine(cluster, program, args);
  const { success, code, stdout, stderr } = await new Deno.Command(command, {
    args: commandArgs,
    cwd: cluster.root,
    // initdb writes TZ into postgresql.conf; UTC keeps timestamps in tests the same on every machine.
    env: { TZ: "UTC" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return { success, code, output: decoder.decode(stdout) + decoder.decode(stderr) };
}

function commandLine(cluster: Cluster, program: string, args: string[]): string[] {
  const command = [`${cluster.bin}/${program}`, ...args];
  if (!cluster.asPostgresUser) return command;
  const runuser = ["/usr/sbin/runuser", "/sbin/runuser"].find(existsSync);
  if (runuser) return [runuser, "-u", "postgres", "--", ...command];
  return ["su", "postgres", "-s", "/bin/sh", "-c", command.map(shellQuote).join(" ")];
}

/** `PG_BIN`, or the newest `/usr/lib/postgresql/<version>/bin` that has initdb. */
function postgresBinDir(): string {
  const fromEnv = Deno.env.get("PG_BIN");
  const base = "/usr/lib/postgresql";
  const versions = existsSync(base)
    ? [...Deno.readDirSync(base)].map((entry) => entry.name).filter((v) =>
      existsSync(`${base}/${v}/bin/initdb`)
    )
    : [];
  const newest = versions.sort(compareVersions).at(-1);
  const bin = fromEnv ?? (newest && `${base}/${newest}/bin`);
  if (!bin || !existsSync(`${bin}/initdb`)) {
    throw new Error(
      `No PostgreSQL binaries ${fromEnv ? `in PG_BIN=${fromEnv}` : `under ${base}/*/bin`}: ` +
        "install them with `apt-get install postgresql`, or set PG_BIN.",
    );
  }
  return bin;
}

function compareVersions(a: string, b: string): number {
  const [x, y] = [a.split(".").map(Number), b.split(".").map(Number)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const difference = (x[i] ?? 0) - (y[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

async function postgresUserIds(): Promise<{ uid: number; gid: number }> {
  const { success, stdout } = await new Deno.Command("getent", {
    args: ["passwd", "postgres"],
    stdout: "piped",
    stderr: "null",
  })
    .output();
  const [, , uid, gid] = new TextDecoder().decode(stdout).split(":");
  if (!success || !uid || !gid) {
    throw new Error(
      "Running as root, but there is no `postgres` OS user to run the server as (apt-get install postgresql creates it).",
    );
  }
  return { uid: Number(uid), gid: Number(gid) };
}

let locale: Promise<string> | undefined;

/** C.UTF-8 (byte-order collation, UTF-8 character classes) where installed, else plain C. */
function clusterLocale(): Promise<string> {
  locale ??= new Deno.Command("locale", { args: ["-a"], stdout: "piped", stderr: "null" }).output().then(
    ({ stdout }) => {
      const names = new TextDecoder().decode(stdout).split("\n").map((n) => n.trim().toLowerCase());
      return names.includes("c.utf8") || names.includes("c.utf-8") ? "C.UTF-8" : "C";
    },
  );
  return locale;
}

/** The last lines the server logged after byte `from`. */
async function logTail(path: string, from: number): Promise<string> {
  const bytes = existsSync(path) ? await Deno.readFile(path) : new Uint8Array();
  const lines = new TextDecoder().decode(bytes.subarray(from)).trimEnd().split("\n");
  return lines.slice(-30).join("\n") || "(empty)";
}

function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** Polls `url` until it answers 200, or throws after `timeoutMs`. Returns the elapsed ms. */
export async function waitFor200(
  url: string,
  timeoutMs = 15_000,
  since = performance.now(),
): Promise<number> {
  while (performance.now() - since < timeoutMs) {
    try {
      const res = await fetch(url);
      await res.body?.cancel();
      if (res.status === 200) return performance.now() - since;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
}

/** Resident memory of a process in MB, from /proc: now (`VmRSS`) or its peak so far (`VmHWM`). */
export function rssMb(pid: number, which: "VmRSS" | "VmHWM" = "VmRSS"): number {
  const status = Deno.readTextFileSync(`/proc/${pid}/status`);
  const kb = Number(status.match(new RegExp(`${which}:\\s+(\\d+) kB`))?.[1]);
  return Math.round(kb / 1024 * 10) / 10;
}

let clockTicks: number | undefined;

/** CPU time a process has used so far (user + system, all threads) in seconds, from /proc. */
export function cpuSeconds(pid: number): number {
  // The command name (field 2) may hold spaces; the fields after its ")" are fixed.
  const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  clockTicks ??= Number(
    new TextDecoder().decode(new Deno.Command("getconf", { args: ["CLK_TCK"] }).outputSync().stdout),
  ) || 100;
  return (Number(fields[11]) + Number(fields[12])) / clockTicks; // utime, stime: fields 14 and 15
}

/** Starts `deno run -A script` with `env`, its output discarded. */
export function spawnDeno(script: string, env: Record<string, string>): Deno.ChildProcess {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", script],
    env,
    stdout: "null",
    stderr: "inherit",
  }).spawn();
}

/** Stops a spawned process and waits for it. */
export async function stop(child: Deno.ChildProcess): Promise<void> {
  try {
    child.kill("SIGTERM");
  } catch {
    // already gone
  }
  await child.status;
}

// CPU time spent by each party of a load test on one machine — the app server, PostgreSQL (all its
// processes) and the load generator — so a throughput figure can be read as a CPU budget: on a
// saturated 2-core machine, requests/s ≈ 2 s / (CPU seconds all parties spend per request).
import { cpuSeconds } from "../lib/process.ts";

export interface CpuReading {
  app: number;
  postgres: number;
  /** This process (the bench itself, when it is the load generator). */
  bench: number;
  /** All cores: busy and total seconds since boot. */
  machineBusy: number;
  machineTotal: number;
}

export interface CpuShare {
  /** CPU µs per request (or per booking) of each party. */
  appUs: number;
  postgresUs: number;
  benchUs: number;
  /** Busy share of all cores over the interval, 0–1. */
  machineBusy: number;
}

let clockTicks: number | undefined;

/** A reading now; `postgresDataDir` locates the postmaster (its postmaster.pid). */
export function readCpu(appPid: number, postgresDataDir: string): CpuReading {
  const machine = Deno.readTextFileSync("/proc/stat").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  clockTicks ??= Number(
    new TextDecoder().decode(new Deno.Command("getconf", { args: ["CLK_TCK"] }).outputSync().stdout),
  ) || 100;
  const idle = machine[3] + machine[4];
  const total = machine.reduce((sum, n) => sum + n, 0);
  return {
    app: cpuSeconds(appPid),
    postgres: postgresSeconds(postgresDataDir),
    bench: cpuSeconds(Deno.pid),
    machineBusy: (total - idle) / clockTicks,
    machineTotal: total / clockTicks,
  };
}

/** What each party spent per unit of work between two readings. */
export function cpuPer(before: CpuReading, after: CpuReading, units: number): CpuShare {
  const per = (a: number, b: number) => Math.round((b - a) * 1e6 / Math.max(1, units));
  return {
    appUs: per(before.app, after.app),
    postgresUs: per(before.postgres, after.postgres),
    benchUs: per(before.bench, after.bench),
    machineBusy: Math.round(
      (after.machineBusy - before.machineBusy) / (after.machineTotal - before.machineTotal) * 100,
    ) / 100,
  };
}

/**
 * The postmaster and its live children (backends, walwriter…), plus what its exited children used
 * (cutime/cstime, counted when it reaps them).
 */
function postgresSeconds(dataDir: string): number {
  const postmaster = Number(Deno.readTextFileSync(`${dataDir}/postmaster.pid`).split("\n")[0]);
  let seconds = cpuSeconds(postmaster) + reapedChildrenSeconds(postmaster);
  for (const entry of Deno.readDirSync("/proc")) {
    if (!/^\d+$/.test(entry.name)) continue;
    try {
      const stat = Deno.readTextFileSync(`/proc/${entry.name}/stat`);
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === postmaster) seconds += cpuSeconds(Number(entry.name));
    } catch {
      // the process ended while we looked
    }
  }
  return seconds;
}

function reapedChildrenSeconds(pid: number): number {
  const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[13]) + Number(fields[14])) / (clockTicks ?? 100); // cutime, cstime
}

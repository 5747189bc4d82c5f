// Tenancy benchmarks: provisioning time per driver, 1,000 studios on one Postgres server (connections
// under the pool's cap, memory, migrate --all), and what resolving a studio adds to a request.
// Prints a Markdown report on stdout; with --json, one JSON object there instead (report on stderr).
//   deno run -A bench/tenancy.ts [--studios 1000] [--quick] [--json] [--only provision,scale,resolve]
import { parseArgs } from "node:util";
import { build } from "../lib/fw/build.ts";
import { progress } from "./tenancy/measure.ts";
import { provisionPglite, provisionPostgres } from "./tenancy/provision_speed.ts";
import { resolveOverhead } from "./tenancy/resolve_overhead.ts";
import { manyStudios } from "./tenancy/scale.ts";
import { ROOT } from "../tasks/root.ts";
import { markdownReport, type TenancyReport, verdicts } from "./tenancy/report.ts";

const { values } = parseArgs({
  options: {
    studios: { type: "string" },
    quick: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
    only: { type: "string", default: "provision,scale,resolve" },
    "provision-samples": { type: "string", default: "20" },
    "provision-concurrency": { type: "string", default: "4" },
    "pool-size": { type: "string", default: "20" },
    "db-connections": { type: "string", default: "2" },
    "touch-concurrency": { type: "string", default: "16" },
    "migrate-concurrency": { type: "string", default: "8" },
    requests: { type: "string" },
  },
});
const positive = (name: string, value: string | undefined, fallback: number): number => {
  const n = Number(value ?? fallback);
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`--${name} must be a positive integer, got ${value}`);
  }
  return n;
};
const phases = new Set(values.only.split(","));
for (const phase of phases) {
  if (!["provision", "scale", "resolve"].includes(phase)) throw new Error(`--only: unknown phase "${phase}"`);
}
const studios = positive("studios", values.studios, values.quick ? 100 : 1000);
const requests = positive("requests", values.requests, values.quick ? 5000 : 20_000);
const poolSize = positive("pool-size", values["pool-size"], 20);
const connectionsPerTenant = positive("db-connections", values["db-connections"], 2);

// Ctrl-C or a kill: exit through `unload`, where servers are stopped and temp dirs removed.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  Deno.addSignalListener(signal, () => {
    progress(`${signal}: stopping servers and removing temp dirs`);
    Deno.exit(130);
  });
}

const report: TenancyReport = {
  date: new Date().toISOString(),
  command: ["deno run -A bench/tenancy.ts", ...Deno.args].join(" "),
  machine: { cpus: navigator.hardwareConcurrency, deno: Deno.version.deno },
};
const started = performance.now();
if (phases.has("scale") || phases.has("resolve")) {
  progress("building the app");
  await build({ root: ROOT });
}
if (phases.has("provision")) {
  const samples = positive("provision-samples", values["provision-samples"], 20);
  report.provision = {
    postgres: await provisionPostgres(samples),
    pglite: await provisionPglite(samples),
  };
}
if (phases.has("scale")) {
  report.scale = await manyStudios({
    studios,
    poolSize,
    connectionsPerTenant,
    provisionConcurrency: positive("provision-concurrency", values["provision-concurrency"], 4),
    touchConcurrency: positive("touch-concurrency", values["touch-concurrency"], 16),
    migrateConcurrency: positive("migrate-concurrency", values["migrate-concurrency"], 8),
    // Room for the pool's cap, admin and sampler connections and the template build, no more.
    maxConnections: poolSize * connectionsPerTenant + 20,
  });
}
if (phases.has("resolve")) report.resolve = await resolveOverhead(requests, Math.round(requests / 10));
report.durationS = Math.round((performance.now() - started) / 1000);
report.targets = verdicts(report);

const markdown = markdownReport(report);
if (values.json) {
  console.error(markdown);
  console.log(JSON.stringify(report));
} else {
  console.log(markdown);
}

// deno task bench [--seconds 20] [--runs 3]: builds the app and the framework fixture, runs the
// `deno bench` micro-benchmarks, the load benchmarks, the sign-in figures, the tenancy benchmark
// (1,000 studios on a local PostgreSQL), client search (20,000 clients) and the portal's booking
// page (a month of availability; what a phone downloads). Record the output in
// docs/BENCHMARKS.md.
import { build } from "../lib/fw/build.ts";
import { ROOT } from "./root.ts";

await build({ root: ROOT });
await build({ root: `${ROOT}/lib/fw/testdata/site` });
const run = async (args: string[]) => {
  const { code } = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: ROOT,
    stdout: "inherit",
    stderr: "inherit",
  })
    .output();
  if (code !== 0) Deno.exit(code);
};
await run(["bench", "-A", "bench/"]);
await run(["run", "-A", "bench/platform.ts", ...Deno.args]);
await run(["run", "-A", "bench/sign_in.ts"]);
await run(["run", "-A", "bench/tenancy.ts"]);
await run(["run", "-A", "bench/scheduling.ts"]);
await run(["run", "-A", "bench/clients.ts"]);
await run(["run", "-A", "bench/portal.ts"]);

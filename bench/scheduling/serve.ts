// The app as `deno task start` serves it (main.ts' startServer, configuration from the environment),
// without the demo studio main() seeds: the benchmark brings its own studio.
//   TENANT_DRIVER=postgres POSTGRES_URL_EU=… KV_URL=… deno run -A bench/scheduling/serve.ts
import { ConfigError, loadConfig } from "../../lib/config.ts";
import { startServer } from "../../main.ts";

// Exiting through Deno.exit (not the signal's default) lets `--cpu-prof` write its profile.
Deno.addSignalListener("SIGTERM", () => Deno.exit(0));
try {
  await startServer(loadConfig());
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  Deno.exit(1);
}

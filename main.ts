import { fileURLToPath } from "node:url";
import { manifest } from "./fw.gen.ts";
import { createApp } from "./lib/app.ts";
import { type Config, ConfigError, loadConfig } from "./lib/config.ts";
import { loadAssets } from "./lib/fw/assets.ts";
import { configureLog, log } from "./lib/http/logger.ts";
import { openKv } from "./lib/kv/open.ts";

export const ROOT = fileURLToPath(new URL(".", import.meta.url));

/** Starts the app on `config`; resolves once it listens. */
export async function startServer(config: Config): Promise<Deno.HttpServer<Deno.NetAddr>> {
  configureLog(config.logLevel);
  const kv = await openKv(config.kvUrl);
  const assets = await loadAssets(ROOT);
  const app = createApp({ config, kv, manifest, assets, root: ROOT });
  const server = Deno.serve({ port: config.port, hostname: config.hostname, onListen: () => {} }, app.fetch);
  server.finished.then(() => kv.close());
  log.info("listening", {
    url: config.baseUrl,
    address: `${server.addr.hostname}:${server.addr.port}`,
    env: config.env,
  });
  return server;
}

/** Reads the configuration (exiting with a message naming any bad variable) and serves. */
export async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    Deno.exit(1);
  }
  await startServer(config);
  console.log(`\n  Recording Studio Manager is running at ${config.baseUrl}\n`);
}

if (import.meta.main) await main();

// Serves the framework fixture site through the real middleware stack (lib/app.ts) on PORT.
// The bare Hono baseline is bench/bare_server.ts, a process of its own.
import { fileURLToPath } from "node:url";
import { createApp } from "../lib/app.ts";
import { loadConfig } from "../lib/config.ts";
import { loadAssets } from "../lib/fw/assets.ts";
import { configureLog } from "../lib/http/logger.ts";
import { mailerFromConfig } from "../lib/mail/mailer.ts";
import { manifest } from "../lib/fw/testdata/site/fw.gen.ts";
import { tenancyFromConfig } from "../lib/tenancy/from_config.ts";

const root = fileURLToPath(new URL("../lib/fw/testdata/site", import.meta.url));
const config = loadConfig({
  DATA_DIR: Deno.makeTempDirSync({ prefix: "rsm-bench-" }),
  KV_URL: ":memory:",
  APP_ENV: "production",
  LOG_LEVEL: "error",
});
configureLog("error");
const kv = await Deno.openKv(":memory:");
const tenancy = await tenancyFromConfig(config, kv);
const mailer = mailerFromConfig(config, kv);
const app = createApp({ config, kv, tenancy, mailer, manifest, assets: await loadAssets(root), root });
Deno.serve({ hostname: "127.0.0.1", port: Number(Deno.env.get("PORT")), onListen: () => {} }, app.fetch);
console.log("ready");

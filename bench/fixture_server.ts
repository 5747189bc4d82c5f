// Serves the framework fixture site through the real middleware stack (lib/app.ts) on PORT,
// and a bare Hono handler on BARE_PORT: the physical ceiling measured in the same run.
import { Hono } from "hono";
import { fileURLToPath } from "node:url";
import { createApp } from "../lib/app.ts";
import { loadConfig } from "../lib/config.ts";
import { loadAssets } from "../lib/fw/assets.ts";
import { configureLog } from "../lib/http/logger.ts";
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
const app = createApp({ config, kv, tenancy, manifest, assets: await loadAssets(root), root });
Deno.serve({ hostname: "127.0.0.1", port: Number(Deno.env.get("PORT")), onListen: () => {} }, app.fetch);
const bare = new Hono().get("/", (c) => c.text("ok"));
Deno.serve(
  { hostname: "127.0.0.1", port: Number(Deno.env.get("BARE_PORT")), onListen: () => {} },
  bare.fetch,
);
console.log("ready");

// The real app (lib/app.ts, the real manifest) over a benchmark's tenancy, as main.ts assembles it.
import { join } from "node:path";
import type { Hono } from "hono";
import { type AppEnv, createApp } from "../../lib/app.ts";
import { loadConfig } from "../../lib/config.ts";
import { loadAssets } from "../../lib/fw/assets.ts";
import { configureLog } from "../../lib/http/logger.ts";
import { mailerFromConfig } from "../../lib/mail/mailer.ts";
import type { Tenancy } from "../../lib/tenancy/tenancy.ts";
import { ROOT } from "../../tasks/root.ts";

/** Needs a build (`deno task build`, or lib/fw/build.ts' `build({ root: ROOT })`). */
export async function realApp(tenancy: Tenancy, dataDir: string): Promise<Hono<AppEnv>> {
  const config = loadConfig({
    DATA_DIR: dataDir,
    KV_URL: join(dataDir, "kv.sqlite"),
    APP_ENV: "production",
    LOG_LEVEL: "error",
    APP_SECRET: "bench-secret-bench-secret-bench-secret",
  });
  configureLog(config.logLevel);
  // Imported here, not at the top: a build earlier in this process may just have rewritten it.
  const { manifest } = await import("../../fw.gen.ts");
  const mailer = mailerFromConfig(config, tenancy.kv);
  return createApp({
    config,
    kv: tenancy.kv,
    tenancy,
    mailer,
    manifest,
    assets: await loadAssets(ROOT),
    root: ROOT,
  });
}

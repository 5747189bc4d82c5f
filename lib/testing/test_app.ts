import { fileURLToPath } from "node:url";
import { manifest } from "../../fw.gen.ts";
import { createApp } from "../app.ts";
import { type Config, loadConfig } from "../config.ts";
import { loadAssets } from "../fw/assets.ts";
import { configureLog } from "../http/logger.ts";
import { openKv } from "../kv/open.ts";
import { outboxMailer } from "../mail/outbox_mailer.ts";
import { PgliteDriver } from "../tenancy/drivers/pglite.ts";
import { loadMigrations } from "../tenancy/migrations.ts";
import { createTenancy } from "../tenancy/tenancy.ts";
import { SHARED_PGLITE_TEMPLATES } from "./test_tenancy.ts";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** A test configuration: a temporary DATA_DIR, in-memory KV, quiet logs. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    DATA_DIR: Deno.makeTempDirSync({ prefix: "rsm-test-" }),
    KV_URL: ":memory:",
    APP_ENV: "test",
    LOG_LEVEL: "error",
    ...overrides,
  });
}

/**
 * The real app, in process, on a fresh in-memory KV; drive it with `app.request()`. E-mail goes to
 * the KV outbox (read it with `listOutbox(t.kv)`), whatever SMTP_URL says.
 * Needs a build (`deno task test` builds first).
 */
export async function testApp(overrides: Record<string, string> = {}) {
  const config = testConfig(overrides);
  configureLog(config.logLevel);
  const kv = await openKv(":memory:");
  const migrations = await loadMigrations();
  const tenancy = createTenancy({
    kv,
    driver: new PgliteDriver(`${config.dataDir}/tenants`, migrations, SHARED_PGLITE_TEMPLATES),
    migrations,
    regions: config.tenancy.regions,
    defaultRegion: config.tenancy.defaultRegion,
    poolSize: config.tenancy.poolSize,
    poolIdleMs: config.tenancy.poolIdleMs,
    migrateConcurrency: config.tenancy.migrateConcurrency,
    // Tests change the catalog and look at once; the cache has its own tests.
    lookupTtlMs: 0,
  });
  const mailer = outboxMailer(kv, config.mail.from);
  const app = createApp({
    config,
    kv,
    tenancy,
    mailer,
    manifest,
    assets: await loadAssets(ROOT),
    root: ROOT,
  });
  const dispose = async () => {
    await tenancy.close();
    try {
      kv.close();
    } catch (err) {
      // A test may close KV itself to simulate an outage.
      if (!(err instanceof Deno.errors.BadResource)) throw err;
    }
    await Deno.remove(config.dataDir, { recursive: true });
  };
  return { app, kv, tenancy, config, mailer, [Symbol.asyncDispose]: dispose };
}

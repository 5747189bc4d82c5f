import { fileURLToPath } from "node:url";
import { manifest } from "./fw.gen.ts";
import { createApp } from "./lib/app.ts";
import { dunningJob } from "./lib/billing/dunning_schedule.ts";
import { type Config, ConfigError, loadConfig } from "./lib/config.ts";
import { loadAssets } from "./lib/fw/assets.ts";
import { configureLog, log } from "./lib/http/logger.ts";
import { type Job, startJobs } from "./lib/jobs/jobs.ts";
import { openKv } from "./lib/kv/open.ts";
import { mailerFromConfig } from "./lib/mail/mailer.ts";
import { bookingRemindersJob } from "./lib/notifications/booking_reminders.ts";
import { stripeFromConfig } from "./lib/stripe/client.ts";
import { stripeReconciliationJob } from "./lib/stripe/reconcile.ts";
import { seedDemo } from "./lib/tenancy/demo.ts";
import { tenancyFromConfig } from "./lib/tenancy/from_config.ts";
import { resumeUnfinished } from "./lib/tenancy/provision.ts";
import { studioUrl } from "./lib/tenancy/studio_url.ts";
import { startWebWorkers } from "./lib/http/web_workers.ts";
import type { Tenancy } from "./lib/tenancy/tenancy.ts";

export const ROOT = fileURLToPath(new URL(".", import.meta.url));

/**
 * Starts the app on `config`; resolves once it listens. `schedules` starts the background jobs
 * (lib/jobs/jobs.ts) too: once per process, so only the real server asks for them, not tests.
 * With WEB_WORKERS=n, n − 1 more threads (web_worker.ts, `worker: true`) serve the same port.
 */
export async function startServer(
  config: Config,
  options: { schedules?: boolean; worker?: boolean } = {},
): Promise<{ server: Deno.HttpServer<Deno.NetAddr>; tenancy: Tenancy }> {
  configureLog(config.logLevel);
  const kv = await openKv(config.kvUrl);
  const tenancy = await tenancyFromConfig(config, kv);
  const assets = await loadAssets(ROOT);
  const mailer = mailerFromConfig(config, kv);
  if (mailer.kind === "outbox" && config.env === "production") {
    log.warn("SMTP_URL is not set: e-mail (password resets, verification links) is kept in KV, not sent");
  }
  const app = createApp({ config, kv, tenancy, mailer, manifest, assets, root: ROOT });
  const workerEntry = new URL("./web_worker.ts", import.meta.url);
  const extraThreads = config.webWorkers - 1;
  // The other threads listen first: a client's keep-alive connections made while they were still
  // starting would stay on the primary for good. (Port 0 is known only once the primary listens.)
  let workers = !options.worker && config.port !== 0
    ? await startWebWorkers(extraThreads, workerEntry, config)
    : undefined;
  const server = Deno.serve({
    port: config.port,
    hostname: config.hostname,
    // The kernel spreads connections over the threads listening on the port.
    reusePort: config.webWorkers > 1,
    onListen: () => {},
  }, app.fetch);
  if (options.worker) return { server, tenancy };
  workers ??= await startWebWorkers(extraThreads, workerEntry, { ...config, port: server.addr.port });
  if (options.schedules) {
    const jobs: Job[] = [dunningJob({ kv, tenancy, mailer }), bookingRemindersJob({ kv, tenancy, mailer })];
    const stripe = stripeFromConfig(config);
    if (stripe) jobs.push(stripeReconciliationJob({ kv, tenancy, stripe, mailer }));
    startJobs(kv, jobs).catch((err) => log.error("the job queue stopped", { error: err }));
  }
  server.finished.then(async () => {
    workers.stop();
    mailer.close?.();
    await tenancy.close();
    kv.close();
  });
  // Studios a crashed process left half-created or half-deleted are finished in the background.
  resumeUnfinished(tenancy).then((report) => {
    if (report.completed.length || report.deleted.length || report.failed.length) {
      log.info("resumed unfinished studios", { ...report });
    }
  }, (err) => log.error("resuming unfinished studios failed", { error: err }));
  log.info("listening", {
    url: config.baseUrl,
    address: `${server.addr.hostname}:${server.addr.port}`,
    env: config.env,
    threads: config.webWorkers,
  });
  return { server, tenancy };
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
  const { tenancy } = await startServer(config, { schedules: true });
  const demo = await seedDemo(tenancy, config.dataDir);
  const { email, password, file } = demo.login;
  console.log(`
  Recording Studio Manager is running at ${config.baseUrl}
  ${demo.created ? "Created the" : "The"} demo studio: ${studioUrl(config, demo.tenant.slug)}app
  Its owner signs in as ${email} with password ${password} (kept in ${file})
  Its clients book and pay at ${studioUrl(config, demo.tenant.slug)}portal/book
`);
}

if (import.meta.main) await main();

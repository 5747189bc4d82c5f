/**
 * Extra threads serving HTTP on the primary's port (WEB_WORKERS): a Deno process runs JavaScript on
 * one thread, so a server with n cores starts n − 1 workers, each with the whole app (its own tenant
 * connection pool and KV handle), and the kernel spreads connections over them (SO_REUSEPORT).
 * Background jobs stay on the primary. The workers share nothing in memory, as separate instances
 * behind a load balancer would not: caches are kept coherent by the data version and short TTLs.
 */
import type { Config } from "../config.ts";
import { log } from "./logger.ts";

/** Sent to a worker to start it (the primary's configuration and port); it answers with `WorkerReady`. */
export interface WorkerStart {
  config: Config;
}

export type WorkerReady = { listening: true } | { failed: string };

export interface WebWorkers {
  stop(): void;
}

/** Starts `count` workers from the module at `entry` on `config`; resolves once every one listens. */
export async function startWebWorkers(count: number, entry: URL, config: Config): Promise<WebWorkers> {
  const workers = Array.from(
    { length: count },
    (_, i) => new Worker(entry, { type: "module", name: `web-${i + 1}` }),
  );
  const stop = () => workers.forEach((worker) => worker.terminate());
  try {
    await Promise.all(workers.map((worker) => listening(worker, config)));
  } catch (err) {
    stop();
    throw err;
  }
  workers.forEach((worker, i) => {
    // A worker that dies later leaves the port to the others; say so.
    worker.addEventListener("error", (event) => {
      log.error("an HTTP worker thread failed", { worker: `web-${i + 1}`, error: event.message });
    });
  });
  return { stop };
}

function listening(worker: Worker, config: Config): Promise<void> {
  return new Promise((resolve, reject) => {
    worker.addEventListener("message", (event: MessageEvent<WorkerReady>) => {
      if ("listening" in event.data) resolve();
      else reject(new Error(`HTTP worker thread did not start: ${event.data.failed}`));
    }, { once: true });
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      reject(new Error(`HTTP worker thread did not start: ${event.message}`));
    }, { once: true });
    worker.postMessage({ config } satisfies WorkerStart);
  });
}

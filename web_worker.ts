// One extra HTTP thread of the app (WEB_WORKERS, lib/http/web_workers.ts): the primary's configuration
// and port, no background jobs.
/// <reference lib="deno.worker" />
import type { WorkerReady, WorkerStart } from "./lib/http/web_workers.ts";
import { startServer } from "./main.ts";

self.addEventListener("message", async (event: MessageEvent<WorkerStart>) => {
  try {
    await startServer(event.data.config, { worker: true });
    self.postMessage({ listening: true } satisfies WorkerReady);
  } catch (err) {
    self.postMessage({ failed: err instanceof Error ? err.message : String(err) } satisfies WorkerReady);
  }
}, { once: true });

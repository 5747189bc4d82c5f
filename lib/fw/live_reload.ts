import type { Context } from "hono";

/**
 * Development only: an event stream the page keeps open. `deno task dev` restarts the server on
 * every change, the stream drops, and the page reloads when it reconnects.
 */
export function liveReloadStream(c: Context): Response {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const encoder = new TextEncoder();
      controller.enqueue(encoder.encode(": connected\n\n"));
      timer = setInterval(() => controller.enqueue(encoder.encode(": ping\n\n")), 15_000);
    },
    cancel() {
      clearInterval(timer);
    },
  });
  c.header("Content-Type", "text/event-stream");
  c.header("Cache-Control", "no-store");
  return c.body(body);
}

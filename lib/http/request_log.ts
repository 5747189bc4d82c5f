import type { MiddlewareHandler } from "hono";
import { log } from "./logger.ts";

const VALID_ID = /^[\w.:-]{8,128}$/;

/**
 * Gives every request its own id, echoed in the response and shown on error pages, and writes
 * one structured log line per request. An incoming X-Request-Id (from a proxy, or any client)
 * is only logged beside ours, so nobody outside can choose the id our logs file things under.
 */
export function requestLog(): MiddlewareHandler {
  return async (c, next) => {
    const incoming = c.req.header("x-request-id");
    const requestId = crypto.randomUUID();
    c.set("requestId", requestId);
    const started = performance.now();
    await next();
    // Set on the finished response's own headers: c.header() after next() makes Hono rebuild the
    // response (and Deno re-encode its body) for one header. Some responses (fetch results, static
    // files) have immutable headers; those take the rebuild.
    try {
      c.res.headers.set("X-Request-Id", requestId);
    } catch {
      c.header("X-Request-Id", requestId);
    }
    const status = c.res.status;
    const fields = {
      requestId,
      method: c.req.method,
      path: c.req.path,
      status,
      ...(incoming && VALID_ID.test(incoming) ? { upstreamRequestId: incoming } : {}),
      ms: Math.round((performance.now() - started) * 10) / 10,
    };
    if (status >= 500) log.error("request", fields);
    else log.debug("request", fields);
  };
}

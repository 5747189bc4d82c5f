import type { MiddlewareHandler } from "hono";
import { log } from "./logger.ts";

const VALID_ID = /^[\w.:-]{8,128}$/;

/**
 * Gives every request an id (a trusted proxy's X-Request-Id, else a new UUID), echoes it in
 * the response, and writes one structured log line per request.
 */
export function requestLog(): MiddlewareHandler {
  return async (c, next) => {
    const incoming = c.req.header("x-request-id");
    const requestId = incoming && VALID_ID.test(incoming) ? incoming : crypto.randomUUID();
    c.set("requestId", requestId);
    const started = performance.now();
    await next();
    c.header("X-Request-Id", requestId);
    const status = c.res.status;
    const fields = {
      requestId,
      method: c.req.method,
      path: c.req.path,
      status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    };
    if (status >= 500) log.error("request", fields);
    else log.debug("request", fields);
  };
}

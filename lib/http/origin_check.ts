import type { MiddlewareHandler } from "hono";
import { ForbiddenError } from "../errors.ts";
import { hostOfUrl } from "../tenancy/address.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
// Machine-to-machine routes authenticate each request themselves (Bearer keys, signatures).
const MACHINE_PATHS = /^\/(api|webhooks)\//;

/**
 * Cross-site request forgery protection: an unsafe request from a browser must come from a page on
 * the same host, as the browser states in `Origin` (or, failing that, `Sec-Fetch-Site`). This also
 * covers the sign-in form (no "login CSRF"). Machine routes pass unless they carry cookies. Hosts
 * are compared, not schemes: a TLS-terminating proxy may hand us http URLs for https pages.
 */
export function originCheck(): MiddlewareHandler {
  return async (c, next) => {
    const unsafe = !SAFE_METHODS.has(c.req.method);
    if (unsafe && (c.req.header("cookie") || !MACHINE_PATHS.test(c.req.path))) {
      const origin = c.req.header("origin");
      const sameOrigin = origin && origin !== "null"
        ? hostOfUrl(origin + "/") === hostOfUrl(c.req.url)
        : c.req.header("sec-fetch-site") === "same-origin";
      if (!sameOrigin) {
        throw new ForbiddenError("This form was sent from another site. Reload the page and try again.");
      }
    }
    await next();
  };
}

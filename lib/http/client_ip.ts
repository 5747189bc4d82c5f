import type { Context } from "hono";
import { getConnInfo } from "hono/deno";

/** The peer address of the connection, for rate limits and audit; "unknown" when not served over TCP (tests). */
export function clientIp(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown";
  }
}

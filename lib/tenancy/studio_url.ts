import type { Config } from "../config.ts";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * A studio's home address, ending in "/": `<slug>.<BASE_DOMAIN>` in production, `/s/<slug>/` when
 * the app runs on a local host (where wildcard DNS is not a given).
 */
export function studioUrl(config: Pick<Config, "baseUrl" | "baseDomain">, slug: string): string {
  const base = new URL(config.baseUrl);
  if (LOCAL_HOSTS.has(config.baseDomain)) return `${config.baseUrl}/s/${slug}/`;
  return `${base.protocol}//${slug}.${config.baseDomain}${base.port ? `:${base.port}` : ""}/`;
}

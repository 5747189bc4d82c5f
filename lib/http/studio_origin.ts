import type { Config } from "../config.ts";

/**
 * The origin of the studio address a request came to, for links sent by e-mail. The host is the
 * request's own: resolveStudio has already matched it to this studio (its subdomain, its custom
 * domain, or our host with `/s/<slug>`), so a forged Host header cannot aim a link elsewhere. The
 * scheme comes from BASE_URL when that is https, since a TLS-terminating proxy hands us http URLs.
 */
export function studioOrigin(url: URL, config: Pick<Config, "https">): string {
  return `${config.https ? "https:" : url.protocol}//${url.host}`;
}

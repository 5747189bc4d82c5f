/**
 * How a request names a studio, from its Host header and path alone (no lookups):
 *
 * - a custom domain:          `book.bluestudio.com/…`            → { kind: "domain" }
 * - a subdomain of ours:      `<slug>.<BASE_DOMAIN>/…`            → { kind: "slug" }
 * - a path on our own host:   `<BASE_DOMAIN or localhost>/s/<slug>/…` → { kind: "slug", base: "/s/<slug>" }
 *
 * Anything else on our own host is the platform itself (landing page, sign-up, health checks).
 */
export type StudioAddress =
  | { kind: "domain"; hostname: string; base: "" }
  | { kind: "slug"; slug: string; base: string }
  | { kind: "platform" };

const PATH_PREFIX = /^\/s\/([a-z0-9-]{1,63})(?=\/|$)/;
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/** The hostname of a Host header: lowercase, without port or trailing dot. */
export function hostnameOf(host: string): string {
  const lower = host.trim().toLowerCase();
  const bare = lower.startsWith("[") ? lower.slice(0, lower.indexOf("]") + 1) : lower.replace(/:\d+$/, "");
  return bare.replace(/\.$/, "");
}

export function studioAddress(host: string, path: string, baseDomain: string): StudioAddress {
  const hostname = hostnameOf(host);
  if (hostname === baseDomain || hostname === `www.${baseDomain}` || LOOPBACK.has(hostname)) {
    const match = PATH_PREFIX.exec(path);
    return match ? { kind: "slug", slug: match[1], base: match[0] } : { kind: "platform" };
  }
  if (hostname.endsWith(`.${baseDomain}`)) {
    const label = hostname.slice(0, -baseDomain.length - 1);
    // One label only: `a.b.<BASE_DOMAIN>` is nobody's.
    return label.includes(".")
      ? { kind: "slug", slug: "", base: "" }
      : { kind: "slug", slug: label, base: "" };
  }
  if (hostname === "") return { kind: "platform" };
  return { kind: "domain", hostname, base: "" };
}

/** The path routes see: without the `/s/<slug>` prefix when (and only when) that prefix names the studio. */
export function routedPath(host: string, path: string, baseDomain: string): string {
  if (!path.startsWith("/s/")) return path;
  const address = studioAddress(host, path, baseDomain);
  return address.kind === "slug" && address.base ? path.slice(address.base.length) || "/" : path;
}

/** The host of an absolute URL string, without parsing the rest of it. */
export function hostOfUrl(url: string): string {
  const start = url.indexOf("//") + 2;
  const end = url.indexOf("/", start);
  return url.slice(start, end === -1 ? undefined : end);
}

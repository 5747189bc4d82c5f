import { domainToASCII } from "node:url";
import { ValidationError } from "../errors.ts";

/**
 * The names a studio is reached by: its slug (`<slug>.<BASE_DOMAIN>`, `/s/<slug>/`) and its custom
 * domains. Both are unique keys in the tenant catalog, so they are checked here before any write.
 */

/** Slugs that would shadow our own hosts or paths (www, api, the `/s/` prefix, `/_fw/` assets…). */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set([
  "www",
  "app",
  "api",
  "admin",
  "s",
  "static",
  "assets",
  "mail",
  "status",
  "help",
  "support",
  "docs",
  "_fw",
]);

const SLUG_MIN = 3;
const SLUG_MAX = 40;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Why `slug` cannot name a studio, or `undefined` when it can: 3–40 lowercase letters, digits and
 * single hyphens, not starting or ending with a hyphen, and not reserved.
 */
export function slugError(slug: string): string | undefined {
  if (slug.length < SLUG_MIN || slug.length > SLUG_MAX) {
    return `A slug is ${SLUG_MIN} to ${SLUG_MAX} characters long.`;
  }
  if (!SLUG.test(slug)) {
    return "Use lowercase letters, digits and single hyphens, not at the start or the end.";
  }
  if (RESERVED_SLUGS.has(slug)) return `"${slug}" is reserved; choose another slug.`;
  return undefined;
}

// RFC 1035 limits; a label is letters, digits and inner hyphens (RFC 952/1123).
const HOSTNAME_MAX = 253;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * The canonical form of a custom domain: lowercase, internationalized names in their punycode
 * (`xn--`) form, no trailing dot. Throws a ValidationError on `hostname` for anything that is not a
 * fully qualified DNS name — a scheme, path, port, IP address or single label.
 *
 * ```ts
 * normalizeHostname("Studio.Example.COM."); // "studio.example.com"
 * ```
 */
export function normalizeHostname(input: string): string {
  const fail = (message: string): never => {
    throw new ValidationError({ hostname: message });
  };
  if (/[/\\?#@]/.test(input)) fail("Enter the hostname only, without https://, a path or a query.");
  if (input.includes(":")) fail("Enter the hostname without a port.");
  const ascii = domainToASCII(input);
  if (ascii === "") fail(`"${input}" is not a valid hostname.`);
  const hostname = ascii.endsWith(".") ? ascii.slice(0, -1) : ascii;
  const labels = hostname.split(".");
  if (hostname.length > HOSTNAME_MAX) fail(`A hostname is at most ${HOSTNAME_MAX} characters long.`);
  if (labels.length < 2) fail("Enter a full domain name, such as studio.example.com.");
  if (!labels.every((label) => LABEL.test(label))) {
    fail(
      "Each part of a hostname is 1 to 63 letters, digits or hyphens, not starting or ending with a hyphen.",
    );
  }
  if (/^[0-9]+$/.test(labels.at(-1)!)) fail("Use a domain name, not an IP address.");
  return hostname;
}

/**
 * Per-page CSS the stylesheet cannot know in advance (room colours, calendar positions), in a
 * <style> element carrying the request's CSP nonce — inline style attributes are blocked by the CSP.
 * Callers build `css` only from validated values (hex colours, numbers, ids).
 */
export function PageStyle({ nonce, css }: { nonce: string | undefined; css: string }) {
  if (!css) return null;
  // The rules hold no characters that HTML escaping would change (no <, >, &, quotes), so plain text is safe.
  return <style nonce={nonce}>{css}</style>;
}

/** The request's CSP nonce (set by the security-headers middleware). */
export function cspNonce(hono: { get(key: "secureHeadersNonce"): unknown }): string | undefined {
  const nonce = hono.get("secureHeadersNonce");
  return typeof nonce === "string" ? nonce : undefined;
}

const HEX = /^#[0-9a-fA-F]{6}$/;
const CSS_ID = /^[A-Za-z0-9_-]+$/;

/** `.room-<id>{…}` colour rules for rooms; anything not a plain hex colour or id is skipped. */
export function roomColourCss(rooms: { id: string; colour: string }[]): string {
  const seen = new Set<string>();
  return rooms.filter((r) => HEX.test(r.colour) && CSS_ID.test(r.id) && !seen.has(r.id) && seen.add(r.id))
    .map((r) => `.room-${r.id}{--room:${r.colour}}`).join("");
}

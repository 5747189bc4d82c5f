/**
 * Where to go after signing in: the page asked for, if it is a path of this studio, else its
 * dashboard. Anything else (another host, `//evil.example`, backslashes) is an open redirect.
 */
export function safeNext(next: unknown, base: string): string {
  const fallback = `${base}/app`;
  if (typeof next !== "string" || !next.startsWith(`${base}/`)) return fallback;
  const hasControl = [...next].some((char) => char.charCodeAt(0) < 0x20);
  if (next.startsWith("//") || next.includes("\\") || hasControl) return fallback;
  return next;
}

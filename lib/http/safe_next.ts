/**
 * Where to go after signing in: the page asked for, if it is a path of this studio, else its
 * dashboard. Anything else (another host, `//evil.example`, backslashes) is an open redirect.
 */
export function safeNext(next: unknown, base: string): string {
  const fallback = `${base}/app`;
  if (typeof next !== "string" || !next.startsWith(`${base}/`)) return fallback;
  if (next.startsWith("//") || next.includes("\\") || /[\u0000-\u001f]/.test(next)) return fallback;
  return next;
}

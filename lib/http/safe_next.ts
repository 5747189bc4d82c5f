/**
 * Where to go after signing in: the page asked for, if it is a path of this studio, else its
 * dashboard (`area` narrows it: the portal's sign-in only returns into the portal). Anything else (another host, `//evil.example`, backslashes) is an open redirect.
 */
export function safeNext(next: unknown, base: string, area = "/app"): string {
  const fallback = `${base}${area}`;
  if (typeof next !== "string" || !next.startsWith(`${base}${area === "/app" ? "" : area}/`)) return fallback;
  const hasControl = [...next].some((char) => char.charCodeAt(0) < 0x20);
  if (next.startsWith("//") || next.includes("\\") || hasControl) return fallback;
  return next;
}

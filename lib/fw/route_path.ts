/**
 * Turns a file path under routes/ into a URL pattern, Fresh style:
 * `index.tsx` → the folder, `[id]` → a parameter, `[...rest]` → the rest of the path,
 * `(group)` folders vanish from the URL.
 *
 * ```ts
 * routePattern("app/(billing)/invoices/[id].tsx") // "/app/invoices/:id"
 * ```
 */
export function routePattern(file: string): string {
  const segments = stripExtension(file).split("/").filter((s) => !isGroup(s));
  if (segments.at(-1) === "index") segments.pop();
  const parts = segments.map((segment) => {
    const rest = segment.match(/^\[\.\.\.(\w+)\]$/);
    if (rest) return `:${rest[1]}{.+}`;
    return segment.replace(/\[(\w+)\]/g, ":$1");
  });
  return "/" + parts.join("/");
}

/** The folder a special file (`_layout`, `_middleware`) governs, as a URL prefix. */
export function folderPrefix(file: string): string {
  const folder = file.split("/").slice(0, -1).filter((s) => !isGroup(s));
  return "/" + folder.join("/");
}

/** The folder chain of a file, outermost first, including group folders: "a/(g)/b.tsx" → ["", "a", "a/(g)"]. */
export function folderChain(file: string): string[] {
  const parts = file.split("/").slice(0, -1);
  return ["", ...parts.map((_, i) => parts.slice(0, i + 1).join("/"))];
}

/**
 * Orders routes so that the most specific one is tried first: segment by segment, static
 * beats a parameter and a parameter beats a catch-all; a path ends before its extensions.
 */
export function compareRoutes(a: string, b: string): number {
  const sa = a.split("/").filter(Boolean);
  const sb = b.split("/").filter(Boolean);
  for (let i = 0; i < Math.max(sa.length, sb.length); i++) {
    if (sa[i] === undefined) return -1;
    if (sb[i] === undefined) return 1;
    const diff = segmentRank(sa[i]) - segmentRank(sb[i]);
    if (diff !== 0) return diff;
  }
  return a.localeCompare(b);
}

function segmentRank(segment: string): number {
  if (segment.startsWith(":") && segment.endsWith("{.+}")) return 2;
  if (segment.includes(":")) return 1;
  return 0;
}

function stripExtension(file: string): string {
  return file.replace(/\.(tsx|ts|jsx|js)$/, "");
}

function isGroup(segment: string): boolean {
  return /^\(.+\)$/.test(segment);
}

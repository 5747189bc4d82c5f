import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { MiddlewareHandler } from "hono";
import { serveStatic } from "hono/deno";
import { ASSET_PREFIX, type BuiltAssets } from "./build.ts";

/** Reads the asset map a build wrote; fails with a hint when the app was never built. */
export async function loadAssets(root: string): Promise<BuiltAssets> {
  const path = join(root, ".build", "assets.json");
  try {
    return JSON.parse(await readFile(path, "utf8"));
  } catch (err) {
    throw new Error(`No build found at ${path}: run \`deno task build\` first.`, { cause: err });
  }
}

/**
 * Serves built assets (content-hashed, so cached for a year, precompressed) and the files of
 * static/ (cached briefly: their names do not change when their content does).
 */
export function staticFiles(root: string): MiddlewareHandler[] {
  const built = serveStatic({
    root: join(root, ".build", "static"),
    precompressed: true,
    onFound: (_path, c) => {
      c.header("Cache-Control", "public, max-age=31536000, immutable");
    },
  });
  const publicFiles = serveStatic({
    root: join(root, "static"),
    onFound: (_path, c) => {
      c.header("Cache-Control", "public, max-age=3600");
    },
  });
  return [
    (c, next) => c.req.path.startsWith(ASSET_PREFIX) ? built(c, next) : next(),
    // static/styles.css is the Tailwind source, not a public file.
    (c, next) =>
      /\.[a-z0-9]+$/i.test(c.req.path) && c.req.path !== "/styles.css" ? publicFiles(c, next) : next(),
  ];
}

import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";

/**
 * A fingerprint of everything a build reads: the path, size and mtime of every file under
 * `sources` (relative to root), plus whether it is a development build. Adding, changing,
 * renaming or deleting a file, or switching between dev and production, changes it.
 */
export async function sourceFingerprint(root: string, sources: string[], dev: boolean): Promise<string> {
  const hash = createHash("sha256").update(dev ? "dev\n" : "prod\n");
  const visit = async (path: string): Promise<void> => {
    const info = await stat(path).catch(() => null);
    if (!info) return;
    if (!info.isDirectory()) {
      hash.update(`${path}:${info.size}:${info.mtimeMs}\n`);
      return;
    }
    for (const entry of (await readdir(path)).sort()) await visit(join(path, entry));
  };
  for (const source of sources) await visit(join(root, source));
  return hash.digest("hex");
}

/** Whether the build under root/.build was made from different sources than there are now. */
export async function buildIsStale(root: string, fingerprint: string): Promise<boolean> {
  const assets = await readFile(join(root, ".build", "assets.json"), "utf8").catch(() => null);
  return !assets || JSON.parse(assets).fingerprint !== fingerprint;
}

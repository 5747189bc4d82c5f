import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";

/**
 * Whether the build under root/.build is missing or older than any file in `sources`
 * (folders relative to root). Lets `deno task start` skip a build that is already current.
 */
export async function buildIsStale(root: string, sources: string[]): Promise<boolean> {
  const built = await stat(join(root, ".build", "assets.json")).catch(() => null);
  if (!built) return true;
  const newerThanBuild = async (path: string): Promise<boolean> => {
    const info = await stat(path).catch(() => null);
    if (!info) return false;
    if (!info.isDirectory()) return info.mtimeMs > built.mtimeMs;
    for (const entry of await readdir(path)) {
      if (await newerThanBuild(join(path, entry))) return true;
    }
    return false;
  };
  for (const source of sources) {
    if (await newerThanBuild(join(root, source))) return true;
  }
  return false;
}

import * as esbuild from "esbuild";
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { listSourceFiles, manifestSource } from "./manifest_gen.ts";

/** What the server needs to know about built assets (written to .build/assets.json). */
export interface BuiltAssets {
  /** URL of the stylesheet. */
  css: string;
  /** URL of the island boot module. */
  boot: string;
  /**
   * URL of the props reader for island state with typed values (devalue, `@preact/signals`):
   * only pages that need it load it (render.ts).
   */
  richProps: string;
  /** URL of each island file's module, keyed by its path under islands/. */
  islands: Record<string, string>;
  /** Modules each entry imports (transitively), for modulepreload. */
  imports: Record<string, string[]>;
  /** Development builds only: the live-reload client. */
  liveReload?: string;
  /** Of the sources this build was made from (see stale.ts). */
  fingerprint?: string;
}

export interface BuildOptions {
  root: string;
  dev?: boolean;
  /** Recorded in assets.json so a later start can tell whether the build is current. */
  fingerprint?: string;
}

export const ASSET_PREFIX = "/_fw/";
const BOOT = fileURLToPath(new URL("./client/boot.ts", import.meta.url));
const RICH_PROPS = fileURLToPath(new URL("./client/rich_props.ts", import.meta.url));
const LIVE_RELOAD = fileURLToPath(new URL("./client/live_reload.ts", import.meta.url));

/** Generates fw.gen.ts, bundles islands with code splitting, and compiles Tailwind. */
export async function build({ root, dev = false, fingerprint }: BuildOptions): Promise<BuiltAssets> {
  const routes = await listSourceFiles(join(root, "routes"));
  const islands = await listSourceFiles(join(root, "islands"));
  const typesImport = "./" + relative(root, fileURLToPath(new URL("./types.ts", import.meta.url)));
  await writeIfChanged(join(root, "fw.gen.ts"), manifestSource(routes, islands, typesImport));

  const outDir = join(root, ".build", "static", "_fw");
  await rm(join(root, ".build"), { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });

  const entryPoints = [
    { in: BOOT, out: "boot" },
    { in: RICH_PROPS, out: "rich_props" },
    ...(dev ? [{ in: LIVE_RELOAD, out: "live_reload" }] : []),
    ...islands.map((file) => ({ in: join(root, "islands", file), out: islandEntryName(file) })),
  ];
  const result = await esbuild.build({
    entryPoints,
    outdir: outDir,
    absWorkingDir: root,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "browser",
    target: ["es2022"],
    minify: !dev,
    sourcemap: dev ? "linked" : false,
    entryNames: "[name]-[hash]",
    chunkNames: "chunk-[hash]",
    jsx: "automatic",
    jsxImportSource: "preact",
    metafile: true,
    legalComments: "none",
    define: { "process.env.NODE_ENV": dev ? '"development"' : '"production"' },
    plugins: [projectAlias(root)],
    logLevel: "warning",
  });
  await esbuild.stop();

  const urlOf = (outPath: string) => ASSET_PREFIX + outPath.slice(outPath.lastIndexOf("/") + 1);
  const byEntry = new Map<string, string>();
  const imports: Record<string, string[]> = {};
  for (const [outPath, output] of Object.entries(result.metafile.outputs)) {
    if (!outPath.endsWith(".js") || !output.entryPoint) continue;
    byEntry.set(resolve(root, output.entryPoint), urlOf(outPath));
  }
  for (const [outPath, output] of Object.entries(result.metafile.outputs)) {
    if (!outPath.endsWith(".js")) continue;
    imports[urlOf(outPath)] = output.imports.filter((i) => i.kind === "import-statement").map((i) =>
      urlOf(i.path)
    );
  }
  const assets: BuiltAssets = {
    css: await buildCss(root, outDir, dev),
    boot: byEntry.get(BOOT)!,
    richProps: byEntry.get(RICH_PROPS)!,
    islands: Object.fromEntries(islands.map((file) => [file, byEntry.get(join(root, "islands", file))!])),
    imports: transitiveImports(imports),
    liveReload: dev ? byEntry.get(LIVE_RELOAD) : undefined,
    fingerprint,
  };
  await precompress(outDir);
  await writeFile(join(root, ".build", "assets.json"), JSON.stringify(assets, null, 2));
  return assets;
}

/** Hashed assets never change, so they are compressed once here instead of on every request. */
async function precompress(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    if (!/\.(js|css)$/.test(name)) continue;
    const content = await readFile(join(dir, name));
    await writeFile(join(dir, name + ".gz"), gzipSync(content, { level: 9 }));
    await writeFile(join(dir, name + ".br"), brotliCompressSync(content));
  }
}

function islandEntryName(file: string): string {
  return "island-" + file.replace(/\.(tsx?|jsx?)$/, "").replace(/[^\w]/g, "_");
}

function transitiveImports(direct: Record<string, string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const entry of Object.keys(direct)) {
    const seen = new Set<string>();
    const stack = [...direct[entry]];
    while (stack.length) {
      const next = stack.pop()!;
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...(direct[next] ?? []));
    }
    out[entry] = [...seen].sort();
  }
  return out;
}

async function buildCss(root: string, outDir: string, dev: boolean): Promise<string> {
  const tmp = join(root, ".build", "styles.css");
  const args = ["run", "-A", await tailwindCli(), "-i", join(root, "static/styles.css"), "-o", tmp];
  if (!dev) args.push("--minify");
  const out = await new Deno.Command(Deno.execPath(), { args, cwd: root, stdout: "piped", stderr: "piped" })
    .output();
  if (!out.success) throw new Error("Tailwind build failed:\n" + new TextDecoder().decode(out.stderr));
  const css = await readFile(tmp);
  const name = `styles-${createHash("sha256").update(css).digest("hex").slice(0, 10)}.css`;
  await writeFile(join(outDir, name), css);
  await rm(tmp);
  return ASSET_PREFIX + name;
}

/** The Tailwind CLI at the version pinned in the project's import map. */
async function tailwindCli(): Promise<string> {
  const config = JSON.parse(await readFile(new URL("../../deno.json", import.meta.url), "utf8"));
  return config.imports["@tailwindcss/cli"];
}

/** Lets islands import project files through the `@/` alias of deno.json. */
function projectAlias(root: string): esbuild.Plugin {
  return {
    name: "project-alias",
    setup(b) {
      b.onResolve({ filter: /^@\// }, (args) => ({ path: resolve(root, args.path.slice(2)) }));
    },
  };
}

async function writeIfChanged(path: string, content: string): Promise<void> {
  const current = await readFile(path, "utf8").catch(() => null);
  if (current !== content) await writeFile(path, content);
}

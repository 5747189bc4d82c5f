// Hot paths of every page view: rendering a document with an island, and serializing island props.
// Needs the fixture built first (`deno task bench` does it).
import { fileURLToPath } from "node:url";
import { signal } from "@preact/signals";
import { loadAssets } from "../lib/fw/assets.ts";
import { registerIslands } from "../lib/fw/islands.ts";
import { renderDocument } from "../lib/fw/render.ts";
import { serializeProps } from "../lib/fw/serialize.ts";
import { manifest } from "../lib/fw/testdata/site/fw.gen.ts";
import type { PageProps } from "../lib/fw/types.ts";

const root = fileURLToPath(new URL("../lib/fw/testdata/site", import.meta.url));
const assets = await loadAssets(root);
registerIslands(manifest.islands);
const routes = manifest.routes as Record<string, { default: preact.ComponentType<PageProps<unknown>> }>;
const props: PageProps<unknown> = { data: undefined, url: new URL("http://x/table"), params: {}, state: {} };
const tree = {
  app: routes["_app.tsx"].default as never,
  layouts: [routes["_layout.tsx"].default as never],
  page: routes["table.tsx"].default,
};

Deno.bench("render the 50-row page with one island", () => {
  renderDocument(tree, props, assets, "nonce123");
});

Deno.bench("render a page without islands", () => {
  renderDocument({ ...tree, page: routes["index.tsx"].default }, props, assets, "nonce123");
});

const shared = signal(1);
const islandProps = Array.from({ length: 10 }, (_, i) => ({
  count: shared,
  since: new Date(Date.UTC(2026, 0, i + 1)),
  tags: new Set(["a", "b"]),
  rows: Array.from({ length: 20 }, (_, j) => ({ id: j, name: `Row ${j}`, cents: 1000n * BigInt(j) })),
}));

Deno.bench("serialize props of 10 islands (20 rows each, shared signal)", () => {
  serializeProps(islandProps);
});

import { fileURLToPath } from "node:url";
import { loadAssets } from "../lib/fw/assets.ts";
import { registerIslands } from "../lib/fw/islands.ts";
import { renderDocument } from "../lib/fw/render.ts";
import { manifest } from "../lib/fw/testdata/site/fw.gen.ts";
import * as pages from "./_exp_pages.tsx";
const root = fileURLToPath(new URL("../lib/fw/testdata/site", import.meta.url));
const assets = await loadAssets(root);
registerIslands(manifest.islands);
const routes = manifest.routes as any;
const props: any = { data: undefined, url: new URL("http://x/table"), params: {}, state: {} };
const page = (pages as any)[Deno.args[0]] ?? routes[Deno.args[0]].default;
const tree = { app: routes["_app.tsx"].default, layouts: [routes["_layout.tsx"].default], page };
const gc = (globalThis as any).gc;
for (let round = 0; round < 4; round++) {
  const t = performance.now();
  for (let i = 0; i < 5000; i++) renderDocument(tree, props, assets, "nonce123");
  const dt = (performance.now() - t) / 5000 * 1000;
  const m = Deno.memoryUsage();
  console.log(Deno.args[0], round, dt.toFixed(1), JSON.stringify(Object.fromEntries(Object.entries(m).map(([k,v])=>[k,(v/1e6).toFixed(1)]))));
}

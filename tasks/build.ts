// deno task build [--dev]: generates fw.gen.ts, bundles islands, compiles the stylesheet.
import { build } from "../lib/fw/build.ts";
import { ROOT } from "./root.ts";

const started = performance.now();
const assets = await build({ root: ROOT, dev: Deno.args.includes("--dev") });
console.log(
  `Built ${Object.keys(assets.islands).length} islands and ${assets.css} in ${
    Math.round(performance.now() - started)
  } ms`,
);

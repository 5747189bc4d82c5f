// deno task start: builds when sources changed since the last build, then serves the app.
import { build } from "../lib/fw/build.ts";
import { buildIsStale } from "../lib/fw/stale.ts";
import { ROOT } from "./root.ts";

/** What the build reads: a change in any of these makes the build stale. */
const BUILD_SOURCES = ["routes", "islands", "components", "static", "lib"];

if (await buildIsStale(ROOT, BUILD_SOURCES)) await build({ root: ROOT });
// Imported only now: main.ts imports fw.gen.ts, which the build may just have rewritten.
const { main } = await import("../main.ts");
await main();

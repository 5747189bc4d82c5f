// deno task start: builds when sources changed since the last build, then serves the app.
import { build } from "../lib/fw/build.ts";
import { buildIsStale, sourceFingerprint } from "../lib/fw/stale.ts";
import { ROOT } from "./root.ts";

/** What the build reads: a change in any of these makes the build stale. */
const BUILD_SOURCES = ["routes", "islands", "components", "static", "lib", "deno.json", "deno.lock"];

const fingerprint = await sourceFingerprint(ROOT, BUILD_SOURCES, false);
if (await buildIsStale(ROOT, fingerprint)) await build({ root: ROOT, fingerprint });
// Imported only now: main.ts imports fw.gen.ts, which the build may just have rewritten.
const { main } = await import("../main.ts");
await main();

// deno task dev: a development build with live reload. `--watch` restarts this task on every
// change under the watched folders; the open page notices the restart and reloads.
import { build } from "../lib/fw/build.ts";
import { ROOT } from "./root.ts";

await build({ root: ROOT, dev: true });
const { main } = await import("../main.ts");
await main();

// deno task test [paths…]: formatting and lint checks, a fresh build, then every test — unit,
// in-process integration and Chromium browser tests — ending with one "N passed, N failed" line.
import { stripVTControlCharacters } from "node:util";
import { build } from "../lib/fw/build.ts";
import { ROOT } from "./root.ts";

async function run(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; output: string }> {
  const child = new Deno.Command(Deno.execPath(), {
    args,
    cwd: ROOT,
    env,
    stdout: "piped",
    stderr: "inherit",
  })
    .spawn();
  let output = "";
  const decoder = new TextDecoder();
  for await (const chunk of child.stdout) {
    await Deno.stdout.write(chunk);
    output += decoder.decode(chunk, { stream: true });
  }
  return { code: (await child.status).code, output };
}

const paths = Deno.args.length ? Deno.args : ["."];
if (!Deno.args.length) {
  for (const check of [["fmt", "--check"], ["lint"]]) {
    const { code } = await run(check);
    if (code !== 0) {
      console.log(`\ntests: 0 passed, 1 failed (deno ${check[0]} found problems)`);
      Deno.exit(1);
    }
  }
}
await build({ root: ROOT });
// The framework's fixture site too: its fw.gen.ts is type-checked with the tests.
await build({ root: `${ROOT}/lib/fw/testdata/site` });
const { code, output } = await run(["test", "-A", "--no-prompt", ...paths]);
// deno prints e.g. "ok | 96 passed (4 steps) | 0 failed (12s)"; restate it in the plain form CI reads.
const plain = stripVTControlCharacters(output);
const summary = [...plain.matchAll(/(\d+) passed(?: \(\d+ steps?\))? \| (\d+) failed/g)].at(-1);
const passed = summary ? Number(summary[1]) : 0;
const failed = summary ? Number(summary[2]) : code === 0 ? 0 : 1;
console.log(`\ntests: ${passed} passed, ${failed} failed`);
Deno.exit(code === 0 && failed === 0 && passed > 0 ? 0 : 1);

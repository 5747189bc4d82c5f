import assert from "node:assert/strict";
import { sourceFingerprint } from "./stale.ts";

Deno.test("the fingerprint changes when a source file is added, edited or deleted, or the mode changes", async () => {
  const root = await Deno.makeTempDir({ prefix: "rsm-stale-" });
  await Deno.mkdir(`${root}/routes`);
  await Deno.writeTextFile(`${root}/routes/a.tsx`, "a");
  const fp = () => sourceFingerprint(root, ["routes", "deno.json"], false);
  const initial = await fp();
  assert.equal(await fp(), initial, "stable while nothing changes");
  await Deno.writeTextFile(`${root}/routes/b.tsx`, "b");
  const added = await fp();
  assert.notEqual(added, initial);
  await Deno.remove(`${root}/routes/b.tsx`);
  assert.equal(await fp(), initial, "deleting the new file restores the fingerprint");
  await Deno.writeTextFile(`${root}/routes/a.tsx`, "changed");
  assert.notEqual(await fp(), initial);
  assert.notEqual(
    await sourceFingerprint(root, ["routes"], true),
    await sourceFingerprint(root, ["routes"], false),
  );
  await Deno.remove(root, { recursive: true });
});

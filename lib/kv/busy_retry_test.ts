import assert from "node:assert/strict";
import { retryingWhenLocked, retryWhileLocked } from "./busy_retry.ts";

/** 200 versionstamp-checked increments through two handles on one file, as two HTTP threads make. */
async function incrementThroughTwoHandles(wrap: (kv: Deno.Kv) => Deno.Kv) {
  const path = `${await Deno.makeTempDir({ prefix: "rsm-kv-busy-" })}/kv.sqlite`;
  const handles = [wrap(await Deno.openKv(path)), wrap(await Deno.openKv(path))];
  try {
    const increment = async (kv: Deno.Kv) => {
      for (;;) {
        const entry = await kv.get<number>(["count"]);
        if ((await kv.atomic().check(entry).set(["count"], (entry.value ?? 0) + 1).commit()).ok) return;
      }
    };
    const outcomes = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) => increment(handles[i % 2])),
    );
    return {
      failures: outcomes.filter((outcome) => outcome.status === "rejected").map((outcome) =>
        String(outcome.reason)
      ),
      count: (await handles[0].get<number>(["count"])).value,
    };
  } finally {
    handles.forEach((kv) => kv.close());
  }
}

Deno.test("two handles on one KV file: writes refused as locked are retried, none lost or doubled", async () => {
  const bare = await incrementThroughTwoHandles((kv) => kv);
  assert.ok(
    bare.failures.some((failure) => /database is locked/.test(failure)),
    "SQLite refuses some writes",
  );
  const retried = await incrementThroughTwoHandles(retryingWhenLocked);
  assert.deepEqual(retried.failures, []);
  assert.equal(retried.count, 200);
});

Deno.test("only a locked database is retried, and not for ever", async () => {
  let calls = 0;
  await assert.rejects(
    retryWhileLocked(() => Promise.reject(new TypeError(`bad key ${++calls}`))),
    /bad key 1/,
  );
  calls = 0;
  await assert.rejects(
    retryWhileLocked(() => Promise.reject(new TypeError(`database is locked ${++calls}`))),
    /database is locked 50/,
  );
});

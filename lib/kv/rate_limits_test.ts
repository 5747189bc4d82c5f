import assert from "node:assert/strict";
import { openKv } from "./open.ts";
import { hitRateLimit, resetRateLimit } from "./rate_limits.ts";

const rule = { name: "test", limit: 5, windowMs: 60_000 };

Deno.test("a subject gets `limit` hits per window, then a Retry-After until the window ends", async () => {
  using kv = await openKv(":memory:");
  const t0 = 1_000_000 * 60_000 + 15_000;
  for (let i = 0; i < 5; i++) assert.equal((await hitRateLimit(kv, rule, "ana", t0)).allowed, true);
  const refused = await hitRateLimit(kv, rule, "ana", t0);
  assert.deepEqual(refused, { allowed: false, retryAfterSeconds: 45 });
  assert.equal((await hitRateLimit(kv, rule, "bob", t0)).allowed, true, "other subjects are counted apart");
  assert.equal(
    (await hitRateLimit(kv, rule, "ana", t0 + 45_000)).allowed,
    true,
    "the next window starts afresh",
  );
  await resetRateLimit(kv, rule, "bob", t0);
  for (let i = 0; i < 5; i++) assert.equal((await hitRateLimit(kv, rule, "bob", t0)).allowed, true);
});

Deno.test("under 200 simultaneous hits no more than the limit pass", async () => {
  using kv = await openKv(":memory:");
  const results = await Promise.all(Array.from({ length: 200 }, () => hitRateLimit(kv, rule, "ana")));
  assert.equal(results.filter((r) => r.allowed).length <= 5, true);
  assert.ok(results.filter((r) => r.allowed).length >= 1);
});

import assert from "node:assert/strict";
import { consumeHandoff, createHandoff } from "./handoff_tokens.ts";
import { openKv } from "./open.ts";

Deno.test("a handoff token works once, only in its studio, and is stored hashed", async () => {
  using kv = await openKv(":memory:");
  const token = await createHandoff(kv, { staffId: "u_1", tenantId: "t_a" });
  const stored = await Array.fromAsync(kv.list({ prefix: ["handoff_tokens"] }));
  assert.equal(stored.length, 1);
  assert.ok(!JSON.stringify(stored).includes(token));
  assert.equal(await consumeHandoff(kv, token, "t_b"), null, "another studio");
  assert.deepEqual(await consumeHandoff(kv, token, "t_a"), { staffId: "u_1", tenantId: "t_a" });
  assert.equal(await consumeHandoff(kv, token, "t_a"), null, "single use");
  assert.equal(await consumeHandoff(kv, "not a token", "t_a"), null);
});

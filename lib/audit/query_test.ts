import assert from "node:assert/strict";
import { auditQuery } from "./query.ts";

Deno.test("audit filters read whole days on the studio's clocks, the end day included", () => {
  const { filter, query } = auditQuery(
    new URLSearchParams("action=auth.sign_in&from=2026-11-24&to=2026-11-24&before=40"),
    "Asia/Kolkata",
  );
  assert.equal(query.action, "auth.sign_in");
  assert.equal(filter.from, "2026-11-23T18:30:00.000Z");
  assert.equal(filter.to, "2026-11-24T18:30:00.000Z");
  assert.equal(filter.beforeId, 40);
  const loose = auditQuery(new URLSearchParams("from=soon&to=2026-02-31&before=-3"), "UTC").filter;
  assert.deepEqual(loose, {
    action: undefined,
    actorId: undefined,
    entityType: undefined,
    from: undefined,
    to: undefined,
    beforeId: undefined,
  });
});

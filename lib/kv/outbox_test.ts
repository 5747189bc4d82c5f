import assert from "node:assert/strict";
import { openKv } from "./open.ts";
import { addToOutbox, listOutbox, OUTBOX_TTL_MS } from "./outbox.ts";

const message = (to: string, subject: string) => ({
  from: "Studio <no-reply@localhost>",
  to,
  subject,
  text: "Hi",
});

Deno.test("the outbox lists messages newest first, optionally for one address", async () => {
  using kv = await openKv(":memory:");
  const now = Date.now();
  await addToOutbox(kv, message("ana@example.com", "first"), now - 2000);
  await addToOutbox(kv, message("bob@example.com", "second"), now - 1000);
  const third = await addToOutbox(kv, { ...message("Ana@Example.com", "third"), html: "<p>Hi</p>" }, now);
  assert.match(third.id, /^m_/);
  assert.equal(third.sentAt, new Date(now).toISOString());
  assert.deepEqual((await listOutbox(kv)).map((m) => m.subject), ["third", "second", "first"]);
  assert.deepEqual((await listOutbox(kv, { to: "ana@example.com" })).map((m) => m.subject), [
    "third",
    "first",
  ]);
  assert.deepEqual((await listOutbox(kv, { limit: 1 })).map((m) => m.subject), ["third"]);
  assert.equal((await listOutbox(kv, { limit: 1 }))[0].html, "<p>Hi</p>");
});

Deno.test("outbox messages expire after seven days", async () => {
  using kv = await openKv(":memory:");
  const now = Date.now();
  await addToOutbox(kv, message("ana@example.com", "old"), now - OUTBOX_TTL_MS - 1);
  await addToOutbox(kv, message("ana@example.com", "recent"), now - OUTBOX_TTL_MS + 60_000);
  assert.deepEqual((await listOutbox(kv, { now })).map((m) => m.subject), ["recent"]);
});

/**
 * The per-request cost of session validation: one KV read plus a SHA-256, on an in-memory KV.
 * Target: ≤ 1 ms median. Run with `deno bench -A bench/session_bench.ts`.
 */
import { openKv } from "../lib/kv/open.ts";
import { createSession, generateSessionToken, validateSession } from "../lib/kv/sessions.ts";

const TENANT = "t_01JD8X3Z7W5M9Q2R4T6V8X0Y1A";
const kv = await openKv(":memory:");
// A realistically filled store: the session looked up is one of many.
for (let i = 0; i < 2000; i++) {
  await createSession(kv, { staffId: `u_${String(i % 200).padStart(26, "0")}`, tenantId: TENANT });
}
const { token } = await createSession(kv, { staffId: "u_01JD8X3Z7W5M9Q2R4T6V8X0Y1C", tenantId: TENANT });
const unknown = generateSessionToken();

Deno.bench("validateSession: a live session", { baseline: true }, async () => {
  if (!(await validateSession(kv, token, TENANT))) throw new Error("expected a session");
});

Deno.bench("validateSession: an unknown token", async () => {
  if (await validateSession(kv, unknown, TENANT)) throw new Error("expected no session");
});

Deno.bench("validateSession: another studio's session", async () => {
  if (await validateSession(kv, token, "t_01JD8X3Z7W5M9Q2R4T6V8X0Y1B")) throw new Error("expected refusal");
});

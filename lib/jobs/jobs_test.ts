import assert from "node:assert/strict";
import { dispatchJob, type Job, type JobMessage } from "./jobs.ts";

interface Ping extends JobMessage {
  type: "ping";
  n: number;
}

Deno.test("a queue message goes to the job of its type; unknown and malformed messages are dropped", async () => {
  const seen: number[] = [];
  const ping: Job<Ping> = {
    type: "ping",
    accepts: (m): m is Ping => m.type === "ping" && typeof (m as Ping).n === "number",
    handle: (m) => Promise.resolve(void seen.push(m.n)),
  };
  const jobs = [ping as unknown as Job];
  assert.equal(await dispatchJob(jobs, { type: "ping", n: 1 }), true);
  assert.equal(await dispatchJob(jobs, { type: "ping", n: "one" }), false);
  assert.equal(await dispatchJob(jobs, { type: "pong" }), false);
  assert.equal(await dispatchJob(jobs, "not an object"), false);
  assert.deepEqual(seen, [1]);
});

Deno.test("a job that throws makes the dispatch reject, so KV delivers the message again", async () => {
  const failing: Job = {
    type: "boom",
    accepts: (m): m is JobMessage => m.type === "boom",
    handle: () => Promise.reject(new Error("down")),
  };
  await assert.rejects(() => dispatchJob([failing], { type: "boom" }), /down/);
});

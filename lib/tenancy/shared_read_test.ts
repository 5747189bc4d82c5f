import assert from "node:assert/strict";
import { insertClient, withStudioDb } from "../testing/scheduling_fixtures.ts";
import { currentDataVersion, dataVersion } from "./data_version.ts";
import { SharedRead, SharedReads } from "./shared_read.ts";

/** A read whose answers the test releases one by one, recording when each was sent. */
function controlledRead() {
  const sent: Array<(value: number) => void> = [];
  const failures: Array<(error: Error) => void> = [];
  const read = () =>
    new Promise<number>((resolve, reject) => {
      sent.push(resolve);
      failures.push(reject);
    });
  return { read, sent, failures };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

Deno.test("callers during a read wait for the next one, sent when it is back; they share it", async () => {
  const { read, sent } = controlledRead();
  const shared = new SharedRead(read);
  const first = shared.get();
  assert.equal(sent.length, 1);
  // Asked while the first read is out: it may hold data older than these questions.
  const second = shared.get();
  const third = shared.get();
  assert.equal(sent.length, 1, "no second read while one is out");
  sent[0](1);
  assert.equal(await first, 1);
  await settle();
  assert.equal(sent.length, 2, "the next read goes as soon as the first is back");
  sent[1](2);
  assert.deepEqual(await Promise.all([second, third]), [2, 2]);
  // Nothing out: a new caller sends its own read at once.
  const fourth = shared.get();
  assert.equal(sent.length, 3);
  sent[2](3);
  assert.equal(await fourth, 3);
});

Deno.test("a failed read fails its own callers only, and the waiting ones still get a read", async () => {
  const { read, sent, failures } = controlledRead();
  const shared = new SharedRead(read);
  const first = shared.get();
  const second = shared.get();
  failures[0](new Error("connection reset"));
  await assert.rejects(first, /connection reset/);
  await settle();
  assert.equal(sent.length, 2);
  sent[1](7);
  assert.equal(await second, 7);
  const third = shared.get();
  assert.equal(sent.length, 3, "the failure left nothing stuck");
  sent[2](8);
  assert.equal(await third, 8);
});

Deno.test("reads are shared per source, never across sources", async () => {
  const counts = new Map<object, number>();
  const reads = new SharedReads<object, number>((source) => {
    const n = (counts.get(source) ?? 0) + 1;
    counts.set(source, n);
    return Promise.resolve(n);
  });
  const a = {};
  const b = {};
  assert.deepEqual(await Promise.all([reads.get(a), reads.get(b)]), [1, 1]);
  assert.deepEqual([counts.get(a), counts.get(b)], [1, 1]);
});

Deno.test("a data version asked after a commit includes it, even while an older read is out", async () => {
  await withStudioDb(async (db) => {
    const before = BigInt(await dataVersion(db));
    // The first read runs before the commit, and its answer is held back until after it.
    let release!: () => void;
    const held = new Promise<void>((resolve) => release = resolve);
    let reads = 0;
    const slow = {
      execute: async (query: Parameters<typeof db.execute>[0]) => {
        const result = await db.execute(query);
        if (++reads === 1) await held;
        return result;
      },
    } as unknown as Pick<typeof db, "execute">;
    const early = currentDataVersion(slow);
    await settle();
    await insertClient(db, { name: "Ana" });
    const afterCommit = currentDataVersion(slow);
    release();
    assert.equal(BigInt(await early), before);
    assert.equal(BigInt(await afterCommit), before + 1n);
    assert.equal(reads, 2);
  });
});

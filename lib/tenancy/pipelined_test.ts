import assert from "node:assert/strict";
import { pipelined } from "./pipelined.ts";

const later = <T>(ms: number, fn: () => T) => new Promise<T>((resolve) => setTimeout(resolve, ms)).then(fn);

Deno.test("the values come back in the order sent", async () => {
  assert.deepEqual(await pipelined([later(5, () => "a"), Promise.resolve(2), later(1, () => true)]), [
    "a",
    2,
    true,
  ]);
});

Deno.test("the first failure in the order sent is thrown, even when a later one settles first", async () => {
  const cause = new Error("exclusion violation");
  const aborted = new Error("current transaction is aborted");
  await assert.rejects(
    pipelined([
      Promise.resolve("booking"),
      later(10, () => {
        throw cause;
      }),
      Promise.reject(aborted),
    ]),
    (err) => err === cause,
  );
});

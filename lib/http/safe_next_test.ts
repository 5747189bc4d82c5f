import assert from "node:assert/strict";
import { safeNext } from "./safe_next.ts";

Deno.test("only paths of the same studio are followed after sign-in", () => {
  assert.equal(safeNext("/app/clients?q=a", ""), "/app/clients?q=a");
  assert.equal(safeNext("/s/blue/app/rooms", "/s/blue"), "/s/blue/app/rooms");
  assert.equal(safeNext("/s/red/app", "/s/blue"), "/s/blue/app", "another studio's path");
  assert.equal(safeNext("//evil.example/app", ""), "/app");
  assert.equal(safeNext("https://evil.example/", ""), "/app");
  assert.equal(safeNext("/\\evil.example", ""), "/app");
  assert.equal(safeNext(undefined, ""), "/app");
});

import assert from "node:assert/strict";
import { cx } from "./cx.ts";

Deno.test("cx joins the given class names with single spaces", () => {
  assert.equal(cx("btn", "btn-primary"), "btn btn-primary");
});

Deno.test("cx skips false, null, undefined and empty parts", () => {
  assert.equal(cx("a", false, null, undefined, "", "b"), "a b");
  assert.equal(cx(false, null), "");
});

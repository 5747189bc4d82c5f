import assert from "node:assert/strict";
import { computed, signal } from "@preact/signals";
import { h } from "preact";
import { render } from "preact-render-to-string";
import "./server_signals.ts";

Deno.test("a signal placed as text renders its current value, escaped", () => {
  const count = signal(3);
  assert.equal(render(<output>{count}</output>), "<output>3</output>");
  assert.equal(render(<p>Total: {computed(() => count.value * 2)}</p>), "<p>Total: 6</p>");
  assert.equal(render(<p>{signal("<b>&")}</p>), "<p>&lt;b>&amp;</p>");
});

Deno.test("signal text shows what @preact/signals shows: 0 stays, true and empty values vanish", () => {
  assert.equal(render(<p>{signal(0)}</p>), "<p>0</p>");
  for (const value of [true, false, null, undefined, "", NaN]) {
    assert.equal(render(<p>{signal(value)}</p>), "<p></p>", String(value));
  }
});

Deno.test("signals among the children of an element created with h()", () => {
  assert.equal(render(h("p", null, signal(1), " and ", signal("two"))), "<p>1 and two</p>");
  assert.equal(render(h("p", null, signal("<i>"))), "<p>&lt;i></p>");
});

Deno.test("a signal holding markup still renders it", () => {
  assert.equal(render(<div>{signal(<b>bold</b>)}</div>), "<div><b>bold</b></div>");
});

Deno.test("the server render reads a signal without subscribing to it", () => {
  let watched = false;
  const count = signal(1, { watched: () => void (watched = true) });
  assert.equal(render(<p>{count}</p>), "<p>1</p>");
  assert.equal(watched, false, "a one-shot render leaves no effect behind");
});

import assert from "node:assert/strict";
import { renderToString } from "preact-render-to-string";

Deno.test("an array of strings in precompiled JSX is escaped once and left unchanged", () => {
  const items = ["a<b", "c&d"];
  assert.equal(renderToString(<p>{items}</p>), "<p>a&lt;bc&amp;d</p>");
  assert.deepEqual(items, ["a<b", "c&d"], "the caller's array is not rewritten");
  assert.equal(renderToString(<p>{items.map((s) => s.toUpperCase())}</p>), "<p>A&lt;BC&amp;D</p>");
  const list = renderToString(<ul>{items.map((s) => <li key={s}>{s}</li>)}</ul>);
  assert.match(list, />a&lt;b<\/li><li ?>c&amp;d<\/li>/);
  assert.equal(renderToString(<p>{[["x<", null, false], 3]}</p>), "<p>x&lt;3</p>");
  assert.equal(renderToString(<p>{"a<b"}</p>), "<p>a&lt;b</p>");
});

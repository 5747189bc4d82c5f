import assert from "node:assert/strict";
import { render } from "preact-render-to-string";
import { Textarea } from "./Textarea.tsx";
import { tagOf } from "./test_html.ts";

Deno.test("a Textarea renders its value as content, escaped, not as a value attribute", () => {
  const html = render(<Textarea label="Notes" name="notes" value="Bring <your> own mics" />);
  assert.equal(tagOf(html, "textarea").value, undefined);
  assert.match(html, />Bring &lt;your> own mics<\/textarea>/);
});

Deno.test("a Textarea keeps a value's leading newline, which HTML parsing would drop", () => {
  const startsWithNewline = "\nsecond line";
  const html = render(<Textarea label="Notes" name="notes" value={startsWithNewline} />);
  assert.match(html, />\n\nsecond line<\/textarea>/);
});

Deno.test("a Textarea has 4 rows unless told otherwise", () => {
  assert.equal(tagOf(render(<Textarea label="Notes" name="notes" />), "textarea").rows, "4");
  assert.equal(tagOf(render(<Textarea label="Notes" name="notes" rows={8} />), "textarea").rows, "8");
});

Deno.test("a Textarea with an error is aria-invalid and described by the error", () => {
  const html = render(<Textarea label="Notes" name="notes" hint="Visible to the client" error="Too long" />);
  const textarea = tagOf(html, "textarea");
  assert.equal(textarea["aria-invalid"], "true");
  assert.equal(textarea["aria-describedby"], "field-notes-error field-notes-hint");
  assert.equal(tagOf(html, "label").for, "field-notes");
});

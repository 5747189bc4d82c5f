import assert from "node:assert/strict";
import { render } from "preact-render-to-string";
import { Checkbox } from "./Checkbox.tsx";
import { tagOf } from "./test_html.ts";

Deno.test("a Checkbox posts 1 when ticked, inside its label, described by its hint", () => {
  const html = render(<Checkbox label="Compound" name="compound" checked hint="Taxed on the other taxes" />);
  const input = tagOf(html, "input");
  assert.equal(input.type, "checkbox");
  assert.equal(input.name, "compound");
  assert.equal(input.value, "1");
  assert.equal(input.id, "field-compound");
  assert.ok("checked" in input);
  assert.equal(input["aria-describedby"], "field-compound-hint");
  assert.match(html, /<label[^>]*><input[^>]*>Compound<\/label>/);
});

Deno.test("a Checkbox with an error is aria-invalid and announces the error before the hint", () => {
  const html = render(
    <Checkbox
      label="SSO only"
      name="ssoOnly"
      checked={false}
      hint="Owners keep a password"
      error="Turn SSO on first"
    />,
  );
  const input = tagOf(html, "input");
  assert.equal(input["aria-invalid"], "true");
  assert.equal(input["aria-describedby"], "field-ssoOnly-error field-ssoOnly-hint");
  assert.ok(!("checked" in input));
  assert.match(html, /id="field-ssoOnly-error"[^>]*>Turn SSO on first</);
});

import assert from "node:assert/strict";
import { render } from "preact-render-to-string";
import { Select } from "./Select.tsx";
import { tagOf, tagsOf } from "./test_html.ts";

const rooms = [
  { value: "a", label: "Live room A" },
  { value: "b", label: "Vocal booth" },
  { value: "c", label: "Mix suite (closed)", disabled: true },
];

Deno.test("a Select marks the option whose value is selected, and only that one", () => {
  const options = tagsOf(render(<Select label="Room" name="roomId" options={rooms} value="b" />), "option");
  assert.deepEqual(options.map((option) => "selected" in option), [false, true, false]);
  assert.equal(options[2].disabled, "");
});

Deno.test("a Select's placeholder is an empty first option, selected while there is no value", () => {
  const html = render(<Select label="Room" name="roomId" options={rooms} placeholder="Choose a room…" />);
  const [first] = tagsOf(html, "option");
  assert.equal(first.value, "");
  assert.equal(first.selected, "");
  assert.match(html, /<option value="" selected>Choose a room…<\/option>/);

  const chosen = tagsOf(
    render(<Select label="Room" name="roomId" options={rooms} placeholder="Choose…" value="a" />),
    "option",
  );
  assert.equal("selected" in chosen[0], false);
  assert.equal("selected" in chosen[1], true);
});

Deno.test("a Select with an error is aria-invalid, described by the error and labelled", () => {
  const html = render(<Select label="Room" name="roomId" options={rooms} error="Choose a room" required />);
  const select = tagOf(html, "select");
  assert.equal(select["aria-invalid"], "true");
  assert.equal(select["aria-describedby"], "field-roomId-error");
  assert.equal(select.required, "");
  assert.equal(tagOf(html, "label").for, select.id);
  assert.match(html, /id="field-roomId-error"[^>]*>Choose a room</);
});

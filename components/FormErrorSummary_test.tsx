import assert from "node:assert/strict";
import { render } from "preact-render-to-string";
import { FormErrorSummary } from "./FormErrorSummary.tsx";
import { Input } from "./Input.tsx";
import { byId, tagOf, tagsOf } from "./test_html.ts";

const errors = [
  { name: "email", message: "Enter a valid e-mail address" },
  { name: "contacts[0].phone", message: "Enter a phone number" },
];

Deno.test("each error links to its field's id, the same id Input derives from the name", () => {
  const html = render(
    <form>
      <FormErrorSummary title="There are 2 problems" errors={errors} />
      <Input label="E-mail" name="email" error={errors[0].message} />
      <Input label="Phone" name="contacts[0].phone" error={errors[1].message} />
    </form>,
  );
  const links = tagsOf(html, "a");
  assert.deepEqual(links.map((link) => link.href), ["#field-email", "#field-contacts-0-phone"]);
  for (const link of links) assert.equal(byId(html, link.href.slice(1)).tag, "input");
  assert.match(html, /href="#field-email"[^>]*>Enter a valid e-mail address<\/a>/);
});

Deno.test("an error for a field with an explicit id links to that id", () => {
  const html = render(
    <FormErrorSummary
      title="There is a problem"
      errors={[{ name: "email", id: "owner-email", message: "Required" }]}
    />,
  );
  assert.equal(tagOf(html, "a").href, "#owner-email");
});

Deno.test("the summary is an alert that takes focus when the page loads", () => {
  const html = render(<FormErrorSummary title="There are 2 problems" errors={errors} />);
  const summary = tagsOf(html, "div")[0];
  assert.equal(summary.role, "alert");
  assert.equal(summary.tabindex, "-1");
  assert.equal(summary.autofocus, "");
  assert.match(html, /<h2[^>]*>There are 2 problems<\/h2>/);
});

Deno.test("autofocus can be turned off, e.g. when the page has two forms", () => {
  const summary = tagsOf(render(<FormErrorSummary title="x" errors={errors} autofocus={false} />), "div")[0];
  assert.equal(summary.autofocus, undefined);
});

Deno.test("without errors the summary renders nothing", () => {
  assert.equal(render(<FormErrorSummary title="There is a problem" errors={[]} />), "");
});

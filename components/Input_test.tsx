import assert from "node:assert/strict";
import { render } from "preact-render-to-string";
import { fieldId } from "./Field.tsx";
import { Input } from "./Input.tsx";
import { byId, tagOf, tagsOf } from "./test_html.ts";

Deno.test("an Input is labelled: the label points at an id derived from the name", () => {
  const html = render(<Input label="E-mail" name="email" type="email" />);
  const input = tagOf(html, "input");
  assert.equal(input.id, "field-email");
  assert.equal(tagOf(html, "label").for, "field-email");
  assert.equal(input.name, "email");
  assert.equal(input.type, "email");
});

Deno.test("an Input with an error is aria-invalid and described by the error message", () => {
  const html = render(
    <Input label="E-mail" name="email" value="ana@" error="Enter a valid e-mail address" />,
  );
  const input = tagOf(html, "input");
  assert.equal(input["aria-invalid"], "true");
  assert.equal(input["aria-describedby"], "field-email-error");
  assert.equal(byId(html, "field-email-error").tag, "p");
  assert.match(html, /id="field-email-error"[^>]*>Enter a valid e-mail address</);
  assert.equal(input.value, "ana@");
});

Deno.test("an Input with a hint and an error is described by both, the error first", () => {
  const html = render(
    <Input label="Password" name="password" type="password" hint="12 characters or more" error="Too short" />,
  );
  assert.equal(tagOf(html, "input")["aria-describedby"], "field-password-error field-password-hint");
  assert.match(html, /id="field-password-hint"[^>]*>12 characters or more</);
});

Deno.test("an Input without an error is not aria-invalid and is described by its hint alone", () => {
  const input = tagOf(render(<Input label="Phone" name="phone" hint="With country code" />), "input");
  assert.equal(input["aria-invalid"], undefined);
  assert.equal(input["aria-describedby"], "field-phone-hint");
});

Deno.test("an Input with neither hint nor error has no aria-describedby", () => {
  const input = tagOf(render(<Input label="Name" name="name" />), "input");
  assert.equal(input["aria-describedby"], undefined);
});

Deno.test("an explicit id replaces the derived one for the label, the hint and the error", () => {
  const html = render(
    <Input id="owner-email" label="E-mail" name="email" hint="Work address" error="Required" />,
  );
  assert.equal(tagOf(html, "label").for, "owner-email");
  assert.equal(tagOf(html, "input")["aria-describedby"], "owner-email-error owner-email-hint");
  byId(html, "owner-email-error");
  byId(html, "owner-email-hint");
});

Deno.test("a required Input is required and shows a marker that screen readers skip", () => {
  const html = render(<Input label="Studio name" name="studioName" required />);
  assert.equal(tagOf(html, "input").required, "");
  assert.match(html, /<span aria-hidden="true"[^>]*>\*<\/span>/);
  assert.equal(tagsOf(render(<Input label="Notes" name="notes" />), "span").length, 0);
});

Deno.test("the type is text unless given, and other input attributes pass through", () => {
  const input = tagOf(
    render(<Input label="Name" name="name" autocomplete="name" placeholder="Ana" />),
    "input",
  );
  assert.equal(input.type, "text");
  assert.equal(input.autocomplete, "name");
  assert.equal(input.placeholder, "Ana");
});

Deno.test("fieldId turns any field name into a safe id", () => {
  assert.equal(fieldId("email"), "field-email");
  assert.equal(fieldId("contacts[0].email"), "field-contacts-0-email");
  assert.equal(fieldId("rates.half_day"), "field-rates-half_day");
});

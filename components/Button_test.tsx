import assert from "node:assert/strict";
import { render } from "preact-render-to-string";
import { Button, buttonClass } from "./Button.tsx";
import { classesOf, tagOf, tagsOf } from "./test_html.ts";

Deno.test("a Button without href is a <button type=button>, so it never submits a form by accident", () => {
  const html = render(<Button>Save</Button>);
  assert.equal(tagOf(html, "button").type, "button");
  assert.equal(tagsOf(html, "a").length, 0);
});

Deno.test("a Button keeps the type it is given, e.g. submit", () => {
  const html = render(<Button type="submit" name="intent" value="issue">Issue invoice</Button>);
  const button = tagOf(html, "button");
  assert.equal(button.type, "submit");
  assert.equal(button.name, "intent");
  assert.equal(button.value, "issue");
});

Deno.test("a Button with href is a link to it, not a button", () => {
  const html = render(<Button href="/bookings/new">New booking</Button>);
  assert.equal(tagOf(html, "a").href, "/bookings/new");
  assert.equal(tagsOf(html, "button").length, 0);
  assert.match(html, />New booking<\/a>/);
});

Deno.test("a disabled Button uses the native disabled attribute", () => {
  const button = tagOf(render(<Button disabled>Save</Button>), "button");
  assert.equal(button.disabled, "");
});

Deno.test("a disabled link Button loses its href and says it is disabled", () => {
  const link = tagOf(render(<Button href="/invoices/7/edit" disabled>Edit</Button>), "a");
  assert.equal(link.href, undefined);
  assert.equal(link["aria-disabled"], "true");
  assert.equal(link.role, "link");
});

Deno.test("variant and size choose the look; primary and md are the defaults", () => {
  const plain = classesOf(tagOf(render(<Button>Save</Button>), "button"));
  assert.ok(plain.includes("btn") && plain.includes("bg-brand-600") && plain.includes("h-10"));

  const danger = classesOf(tagOf(render(<Button variant="danger" size="sm">Delete</Button>), "button"));
  assert.ok(danger.includes("bg-danger-600") && danger.includes("h-8"));

  const variants = ["primary", "secondary", "danger", "ghost"] as const;
  assert.equal(new Set(variants.map((variant) => buttonClass(variant))).size, variants.length);
});

Deno.test("a Button's class prop adds to its look instead of replacing it", () => {
  const classes = classesOf(tagOf(render(<Button class="w-full">Save</Button>), "button"));
  assert.ok(classes.includes("w-full") && classes.includes("btn"));
});

import assert from "node:assert/strict";
import { render } from "preact-render-to-string";
import { Button } from "./Button.tsx";
import { PageHeader } from "./PageHeader.tsx";

Deno.test("a PageHeader's title is the page's h1, with its description and actions", () => {
  const html = render(
    <PageHeader
      title="Bookings"
      description="Sessions for the coming weeks"
      actions={<Button href="/bookings/new">New booking</Button>}
    />,
  );
  assert.equal(html.match(/<h1[^>]*>Bookings<\/h1>/g)?.length, 1);
  assert.match(html, /<p[^>]*>Sessions for the coming weeks<\/p>/);
  assert.match(html, />New booking<\/a>/);
});

Deno.test("a PageHeader without description or actions renders only the h1", () => {
  const html = render(<PageHeader title="Dashboard" />);
  assert.match(html, /<h1[^>]*>Dashboard<\/h1><\/div><\/header>$/);
  assert.doesNotMatch(html, /<p/);
});

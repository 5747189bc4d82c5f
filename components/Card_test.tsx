import assert from "node:assert/strict";
import { render } from "preact-render-to-string";
import { Card } from "./Card.tsx";

Deno.test("a Card shows its title as an h2 heading, its actions and its content", () => {
  const html = render(
    <Card title="Contacts" actions={<a href="/clients/1/contacts/new">Add contact</a>}>
      <p>Ana Ruiz</p>
    </Card>,
  );
  assert.match(html, /<h2[^>]*>Contacts<\/h2>/);
  assert.match(html, />Add contact<\/a>/);
  assert.match(html, /<p>Ana Ruiz<\/p>/);
});

Deno.test("a Card's heading level follows the page outline", () => {
  assert.match(render(<Card title="Totals" headingLevel={3}>…</Card>), /<h3[^>]*>Totals<\/h3>/);
});

Deno.test("a Card without title or actions has no header row", () => {
  const html = render(<Card>Only content</Card>);
  assert.doesNotMatch(html, /<h\d/);
  assert.doesNotMatch(html, /border-b/);
});

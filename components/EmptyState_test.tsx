import assert from "node:assert/strict";
import { render } from "preact-render-to-string";
import { Button } from "./Button.tsx";
import { EmptyState } from "./EmptyState.tsx";

Deno.test("an EmptyState shows its title as a heading, its description and its action", () => {
  const html = render(
    <EmptyState
      title="No rooms yet"
      description="Add the rooms clients can book."
      action={<Button href="/rooms/new">Add a room</Button>}
    />,
  );
  assert.match(html, /<h2[^>]*>No rooms yet<\/h2>/);
  assert.match(html, /<p[^>]*>Add the rooms clients can book.<\/p>/);
  assert.match(html, /<a href="\/rooms\/new"[^>]*>Add a room<\/a>/);
});

Deno.test("an EmptyState needs only a title, at the heading level it is given", () => {
  const html = render(<EmptyState title="Nothing due" headingLevel={3} />);
  assert.match(html, /<h3[^>]*>Nothing due<\/h3>/);
  assert.doesNotMatch(html, /<p|<a/);
});

import assert from "node:assert/strict";
import type { ComponentChildren } from "preact";
import { render } from "preact-render-to-string";
import { collectIslands, registerIslands } from "./islands.ts";

function Badge({ label }: { label: string }) {
  return <b>{label}</b>;
}
function Card({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <section>
      <Badge label={title} />
      {children}
    </section>
  );
}
registerIslands({ "Badge.tsx": { Badge }, "Card.tsx": { default: Card } });

const marks = (html: string) => [...html.matchAll(/data-island="([^"]+)"/g)].map((m) => m[1]);

Deno.test("an island an island renders itself is part of it; islands in its children are islands again", () => {
  const { result, islands } = collectIslands(() =>
    render(
      <main>
        <Card title="outer">
          <Badge label="in the slot" />
          <Card title="inner" />
        </Card>
        <Badge label="after" />
      </main>,
    )
  );
  assert.deepEqual(marks(result), [
    "Card.tsx#default",
    "Badge.tsx#Badge",
    "Card.tsx#default",
    "Badge.tsx#Badge",
  ]);
  assert.deepEqual(islands.props.map((p) => p.title ?? p.label), ["outer", "in the slot", "inner", "after"]);
  assert.match(result, /<rsm-island[^>]*><section><b>outer<\/b><rsm-slot><rsm-island/);
  assert.match(
    result,
    /<rsm-island data-island="Card.tsx#default" data-props="2"><section><b>inner<\/b><\/section>/,
  );
});

Deno.test("outside a collecting render an island is a plain component", () => {
  assert.equal(render(<Card title="plain" />), "<section><b>plain</b></section>");
});

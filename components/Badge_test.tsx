import assert from "node:assert/strict";
import { render } from "preact-render-to-string";
import { Badge, type BadgeTone } from "./Badge.tsx";
import { tagOf } from "./test_html.ts";

Deno.test("a Badge shows its text in a span, neutral unless a tone is given", () => {
  const html = render(<Badge>Draft</Badge>);
  assert.match(html, /<span[^>]*>Draft<\/span>/);
  assert.equal(tagOf(html, "span").class, tagOf(render(<Badge tone="neutral">Draft</Badge>), "span").class);
});

Deno.test("each Badge tone has its own colours", () => {
  const tones: BadgeTone[] = ["neutral", "info", "success", "warning", "danger"];
  const classes = tones.map((tone) => tagOf(render(<Badge tone={tone}>x</Badge>), "span").class);
  assert.equal(new Set(classes).size, tones.length);
  assert.match(classes[4], /text-danger-800/);
});

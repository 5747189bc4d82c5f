import assert from "node:assert/strict";
import { render } from "preact-render-to-string";
import { Toast } from "./Toast.tsx";
import { tagOf, tagsOf } from "./test_html.ts";

function liveRegion(html: string) {
  return tagsOf(html, "div").find((div) => div.role);
}

Deno.test("an error Toast is an alert, announced at once", () => {
  const html = render(<Toast tone="error" dismissLabel="Dismiss">Payment failed</Toast>);
  assert.equal(liveRegion(html)?.role, "alert");
  assert.match(html, /role="alert"[^>]*>Payment failed</);
});

Deno.test("success and info Toasts are polite status messages", () => {
  for (const tone of ["success", "info"] as const) {
    const region = liveRegion(render(<Toast tone={tone} dismissLabel="Dismiss">Booking saved</Toast>));
    assert.equal(region?.role, "status");
    assert.equal(region?.["aria-live"], "polite");
  }
  assert.equal(liveRegion(render(<Toast dismissLabel="Dismiss">Saved</Toast>))?.role, "status");
});

Deno.test("a Toast is an open non-modal dialog that a form method=dialog button dismisses without JS", () => {
  const html = render(<Toast tone="success" dismissLabel="Dismiss">Booking saved</Toast>);
  assert.equal(tagOf(html, "dialog").open, "");
  assert.equal(tagOf(html, "form").method, "dialog");
  const button = tagOf(html, "button");
  assert.equal(button.type, "submit");
  assert.equal(button["aria-label"], "Dismiss");
});

Deno.test("each tone has its own colours", () => {
  const classes = (["success", "info", "error"] as const).map((tone) =>
    tagOf(render(<Toast tone={tone} dismissLabel="Dismiss">x</Toast>), "dialog").class
  );
  assert.equal(new Set(classes).size, 3);
});

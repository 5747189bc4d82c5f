import assert from "node:assert/strict";
import { render } from "preact-render-to-string";
import { Dialog, DialogTrigger } from "./Dialog.tsx";
import { byId, tagOf, tagsOf } from "./test_html.ts";

function page() {
  return render(
    <div>
      <DialogTrigger dialogId="cancel-booking" variant="danger">Cancel booking</DialogTrigger>
      <Dialog
        id="cancel-booking"
        title="Cancel this booking?"
        closeLabel="Close"
        footer={<button type="submit" form="cancel-form">Yes, cancel</button>}
      >
        <p>The deposit is kept.</p>
      </Dialog>
    </div>,
  );
}

Deno.test("the trigger opens the dialog by id with command=show-modal, and never submits a form", () => {
  const html = page();
  const [trigger] = tagsOf(html, "button");
  assert.equal(trigger.commandfor, "cancel-booking");
  assert.equal(trigger.command, "show-modal");
  assert.equal(trigger.type, "button");
  assert.equal(byId(html, trigger.commandfor).tag, "dialog");
});

Deno.test("the trigger takes Button's look", () => {
  assert.match(tagsOf(page(), "button")[0].class, /bg-danger-600/);
});

Deno.test("the dialog is closed until opened and labelled by its title", () => {
  const html = page();
  const dialog = tagOf(html, "dialog");
  assert.equal(dialog.open, undefined);
  assert.equal(byId(html, dialog["aria-labelledby"]).tag, "h2");
  assert.match(html, /<h2 id="cancel-booking-title"[^>]*>Cancel this booking\?<\/h2>/);
});

Deno.test("the dialog closes without JS through a form method=dialog button named by closeLabel", () => {
  const html = page();
  assert.equal(tagOf(html, "form").method, "dialog");
  assert.match(html, /<form method="dialog"[^>]*><button type="submit" aria-label="Close"/);
});

Deno.test("the dialog shows its content and its footer", () => {
  const html = page();
  assert.match(html, /<p>The deposit is kept.<\/p>/);
  assert.match(html, />Yes, cancel<\/button>/);
});

import assert from "node:assert/strict";
import { render } from "preact-render-to-string";
import { createTranslator } from "@/lib/i18n/mod.ts";
import { byId, tagsOf } from "./test_html.ts";
import { errorSummary, WeeklyHoursFields } from "./WeeklyHoursFields.tsx";

const { t } = createTranslator("en");

Deno.test("each weekday has two pairs of time inputs, named for the form and labelled with the day", () => {
  const html = render(
    <WeeklyHoursFields
      name="openingHours"
      legend="Opening hours"
      values={{ "openingHours.1.open": "09:00", "openingHours.1.close": "18:00" }}
      errors={{}}
      t={t}
      locale="en"
    />,
  );
  const inputs = tagsOf(html, "input");
  assert.equal(inputs.length, 28);
  assert.deepEqual(inputs.slice(0, 4).map((i) => i.name), [
    "openingHours.1.open",
    "openingHours.1.close",
    "openingHours.1.open2",
    "openingHours.1.close2",
  ]);
  assert.equal(inputs[0].id, "field-openingHours-1", "where the error summary links a day's problem");
  assert.equal(inputs[0]["aria-label"], "Monday: Opens");
  assert.equal(inputs[27]["aria-label"], "Sunday: Closes again");
  assert.equal(inputs[1].value, "18:00");
  assert.ok(inputs.every((i) => i.type === "time"));
});

Deno.test("a day's problem is shown under its row and describes its inputs", () => {
  const html = render(
    <WeeklyHoursFields
      name="workingHours"
      legend="Working hours"
      values={{}}
      errors={{ "workingHours.3": "Overlap." }}
      t={t}
      locale="fr"
    />,
  );
  const wednesday = tagsOf(html, "input").filter((i) => i.name.startsWith("workingHours.3."));
  assert.ok(wednesday.every((i) => i["aria-invalid"] === "true"));
  assert.ok(wednesday.every((i) => i["aria-describedby"] === "field-workingHours-3-error"));
  assert.equal(byId(html, "field-workingHours-3-error").tag, "p");
  assert.match(html, /aria-label="mercredi"/);
  assert.ok(!tagsOf(html, "input").some((i) => i.name.startsWith("workingHours.2.") && i["aria-invalid"]));
});

Deno.test("the error summary names the day of a weekday's problem", () => {
  assert.deepEqual(errorSummary({ name: "Enter a name.", "openingHours.7": "Overlap." }, t, "en"), [
    { name: "name", message: "Enter a name." },
    { name: "openingHours.7", message: "Sunday: Overlap." },
  ]);
  assert.equal(
    errorSummary({ "openingHours.1": "Chevauchement." }, createTranslator("fr").t, "fr")[0].message,
    "lundi\u00a0: Chevauchement.",
  );
});

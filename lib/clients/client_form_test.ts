import assert from "node:assert/strict";
import { clientValues, errorsOnRows, formValues, inputFromValues } from "./client_form.ts";

function form(entries: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(entries)) data.append(name, value);
  return data;
}

Deno.test("a posted form keeps every contact row in order, blank ones included", () => {
  const values = formValues(form({
    kind: "company",
    name: "Blue Note",
    "contacts[1].name": "Tom",
    "contacts[0].name": "Maria",
    "contacts[0].role": "A&R",
    "contacts[2].name": "",
  }));
  assert.equal(values.name, "Blue Note");
  assert.equal(values.email, "", "absent fields are empty");
  assert.deepEqual(values.contacts.map((c) => [c.name, c.role]), [["Maria", "A&R"], ["Tom", ""], ["", ""]]);
});

Deno.test("blank contact rows are dropped from the input, and errors find their way back to the row", () => {
  const values = formValues(form({
    kind: "band",
    name: "The Tides",
    extraEmails: "a@example.com\r\n\r\nb@example.com",
    tags: " rock, , vip ",
    "contacts[0].name": "",
    "contacts[1].name": "Jo",
    "contacts[1].id": "contact_1",
    "contacts[2].email": "kim@example.com",
  }));
  const { input, rowOf } = inputFromValues(values);
  assert.deepEqual(input.tags, ["rock", "vip"]);
  assert.deepEqual(input.extraEmails, ["a@example.com", "", "b@example.com"], "blank lines go at validation");
  assert.deepEqual(input.contacts?.map((c) => [c.id, c.name]), [["contact_1", "Jo"], [undefined, ""]]);
  assert.deepEqual(rowOf, [1, 2]);
  assert.deepEqual(errorsOnRows({ "contacts.1.name": "Give the contact's name.", name: "x" }, rowOf), {
    "contacts.2.name": "Give the contact's name.",
    name: "x",
  });
});

Deno.test("a new client's form starts as a person with blank contact rows", () => {
  const values = clientValues(null, 2);
  assert.equal(values.kind, "person");
  assert.equal(values.contacts.length, 2);
  assert.deepEqual(inputFromValues(values).input.contacts, []);
});

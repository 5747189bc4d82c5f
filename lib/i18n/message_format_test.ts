import assert from "node:assert/strict";
import { messageArguments, parseMessage, renderMessage } from "./message_format.ts";
import type { Locale } from "./locales.ts";
import type { MessageParams } from "./message_format.ts";

const render = (source: string, params: MessageParams, locale: Locale = "en") =>
  renderMessage(parseMessage(source), params, locale);

const SESSIONS = "{count, plural, one {# session} other {# sessions}}";
const SEANCES = "{count, plural, one {# séance} other {# séances}}";

Deno.test("{name} placeholders are replaced by their parameter", () => {
  assert.equal(render("Welcome, {name}", { name: "Nina" }), "Welcome, Nina");
  assert.equal(render("{a}{b} and {a}", { a: "x", b: "y" }), "xy and x");
});

Deno.test("a text without placeholders renders unchanged, apostrophes and # included", () => {
  assert.equal(render("Don't panic, it's track #3", {}), "Don't panic, it's track #3");
  assert.equal(render("", {}), "");
});

Deno.test("a missing parameter stays visible instead of crashing", () => {
  assert.equal(render("Welcome, {name}", {}), "Welcome, {name}");
  assert.equal(render("Left: " + SESSIONS, {}), "Left: " + SESSIONS);
  assert.equal(render("Hi {constructor}", {}), "Hi {constructor}");
});

Deno.test("extra parameters are ignored", () => {
  assert.equal(render("Hello", { name: "Nina" }), "Hello");
});

Deno.test("numeric parameters are formatted for the locale", () => {
  assert.equal(render("{n} bytes", { n: 1234567 }, "en"), "1,234,567 bytes");
  assert.equal(render("{n} octets", { n: 1234567 }, "fr").replaceAll("\u202f", " "), "1 234 567 octets");
  assert.equal(render("{id}", { id: "1234567" }), "1234567");
});

Deno.test("English plurals: one for exactly 1, other for 0 and many", () => {
  assert.equal(render(SESSIONS, { count: 0 }), "0 sessions");
  assert.equal(render(SESSIONS, { count: 1 }), "1 session");
  assert.equal(render(SESSIONS, { count: 2 }), "2 sessions");
  assert.equal(render(SESSIONS, { count: 1500 }), "1,500 sessions");
});

Deno.test("French plurals: 0 and 1 are both singular", () => {
  assert.equal(render(SEANCES, { count: 0 }, "fr"), "0 séance");
  assert.equal(render(SEANCES, { count: 1 }, "fr"), "1 séance");
  assert.equal(render(SEANCES, { count: 2 }, "fr"), "2 séances");
  assert.equal(render(SEANCES, { count: 1500 }, "fr").replaceAll("\u202f", " "), "1 500 séances");
});

Deno.test("a category the message lacks falls back to other (French 'many' for a million)", () => {
  assert.equal(render(SEANCES, { count: 1_000_000 }, "fr").replaceAll("\u202f", " "), "1 000 000 séances");
});

Deno.test("an exact =N branch wins over the plural category", () => {
  const source = "{count, plural, =0 {No sessions} one {# session} other {# sessions}}";
  assert.equal(render(source, { count: 0 }), "No sessions");
  assert.equal(render(source, { count: 1 }), "1 session");
});

Deno.test("bigint counts select plurals and format like numbers", () => {
  assert.equal(render(SESSIONS, { count: 1n }), "1 session");
  assert.equal(render(SESSIONS, { count: 3n }), "3 sessions");
});

Deno.test("a plural given a string count stays visible rather than guessing", () => {
  assert.equal(render(SESSIONS, { count: "3" }), SESSIONS);
});

Deno.test("plural branches may contain other placeholders and surrounding text", () => {
  const source = "{name} has {count, plural, one {# file in {folder}} other {# files in {folder}}} left";
  assert.equal(render(source, { name: "Nina", count: 2, folder: "Stems" }), "Nina has 2 files in Stems left");
});

Deno.test("whitespace and line breaks inside the plural syntax are allowed", () => {
  assert.equal(render("{ count ,plural,\n one {# take}\n other {# takes} }", { count: 4 }), "4 takes");
});

Deno.test("malformed messages are rejected when parsed", () => {
  for (
    const source of [
      "Welcome, {name",
      "Welcome, name}",
      "{}",
      "{1name}",
      "{count, select, a {x} other {y}}",
      "{count, plural, one {# take}}",
      "{count, plural, one {# take} other {# takes}",
      "{count, plural, one {# take} other {# takes} other {x}}",
      "{count, plural, several {#} other {#}}",
    ]
  ) {
    assert.throws(() => parseMessage(source), SyntaxError, source);
  }
});

Deno.test("messageArguments lists simple and plural arguments, including nested ones", () => {
  assert.deepEqual(messageArguments("Plain"), new Set());
  assert.deepEqual(messageArguments("Hi {name}, {name}"), new Set(["name"]));
  assert.deepEqual(
    messageArguments("{count, plural, one {# in {folder}} other {# in {folder}}}"),
    new Set(["count:plural", "folder"]),
  );
});

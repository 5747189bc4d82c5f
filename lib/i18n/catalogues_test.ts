import assert from "node:assert/strict";
import { CATALOGUES } from "./catalogues.ts";
import { SUPPORTED_LOCALES } from "./locales.ts";
import { messageArguments, parseMessage } from "./message_format.ts";
import { en, type MessageId } from "./messages/en.ts";

const ids = Object.keys(en) as MessageId[];

Deno.test("every supported locale has a catalogue with exactly the English ids", () => {
  for (const locale of SUPPORTED_LOCALES) {
    assert.deepEqual(Object.keys(CATALOGUES[locale]).sort(), [...ids].sort(), locale);
  }
});

Deno.test("every message in every catalogue parses", () => {
  for (const locale of SUPPORTED_LOCALES) {
    for (const id of ids) {
      assert.doesNotThrow(() => parseMessage(CATALOGUES[locale][id]), `${locale} ${id}`);
    }
  }
});

Deno.test("every translation uses the same placeholders and plurals as the English source", () => {
  for (const locale of SUPPORTED_LOCALES) {
    for (const id of ids) {
      assert.deepEqual(
        messageArguments(CATALOGUES[locale][id]),
        messageArguments(en[id]),
        `${locale} "${id}" drifted from English`,
      );
    }
  }
});

Deno.test("no message is empty or padded with whitespace", () => {
  for (const locale of SUPPORTED_LOCALES) {
    for (const id of ids) {
      const text = CATALOGUES[locale][id];
      assert.ok(text.length > 0 && text === text.trim(), `${locale} "${id}"`);
    }
  }
});

Deno.test("message ids are dotted lower_snake_case paths grouped by area", () => {
  for (const id of ids) assert.match(id, /^[a-z][a-z_]*(\.[a-z][a-z_]*)+$/, id);
});

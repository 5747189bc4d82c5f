import assert from "node:assert/strict";
import { z } from "zod";
import { ValidationError } from "./errors.ts";
import { parseInput } from "./validation.ts";

const schema = z.object({
  name: z.string().min(1, "Enter a name."),
  blocks: z.array(z.object({ end: z.number() })),
});

Deno.test("parseInput returns the parsed value of valid input", () => {
  assert.deepEqual(parseInput(schema, { name: "A", blocks: [] }), { name: "A", blocks: [] });
});

Deno.test("parseInput names every bad field, nested ones by their dotted path, first message per field", () => {
  let err: unknown;
  try {
    parseInput(schema, { name: "", blocks: [{ end: "x" }] });
  } catch (caught) {
    err = caught;
  }
  assert.ok(err instanceof ValidationError);
  assert.equal(err.fields.name, "Enter a name.");
  assert.ok(err.fields["blocks.0.end"]);
  assert.equal(Object.keys(err.fields).length, 2);
});

import assert from "node:assert/strict";
import { parseArrayLiteral, serializeArray } from "./postgres_arrays.ts";

Deno.test("array literals: quoting, escapes and NULL as Postgres writes them", () => {
  assert.deepEqual(parseArrayLiteral("{}"), []);
  assert.deepEqual(parseArrayLiteral("{a,b}"), ["a", "b"]);
  assert.deepEqual(
    parseArrayLiteral(String.raw`{"a,b","say \"hi\"","back\\slash","{brace}",""," padded ",été}`),
    ["a,b", 'say "hi"', String.raw`back\slash`, "{brace}", "", " padded ", "été"],
  );
  assert.deepEqual(
    parseArrayLiteral('{NULL,null,"NULL"}'),
    [null, null, "NULL"],
    "only unquoted NULL is null",
  );
});

Deno.test("array literals: elements go through the element parser; nesting and bounds are kept", () => {
  assert.deepEqual(parseArrayLiteral("{3,14,NULL}", Number), [3, 14, null]);
  assert.deepEqual(parseArrayLiteral("{{1,2},{3,4}}", Number), [[1, 2], [3, 4]]);
  assert.deepEqual(parseArrayLiteral("[0:1]={7,8}", Number), [7, 8]);
});

Deno.test("arrays serialize to literals that parse back the same; strings pass through untouched", () => {
  const values = ["a,b", 'say "hi"', String.raw`back\slash`, "", null, "NULL"];
  assert.deepEqual(parseArrayLiteral(serializeArray(values) as string), values);
  assert.deepEqual(parseArrayLiteral(serializeArray([[1, 2], [3, 4]]) as string, Number), [[1, 2], [3, 4]]);
  assert.equal(serializeArray('{"already","a literal"}'), '{"already","a literal"}');
  assert.throws(() => serializeArray([undefined]), /undefined/);
});

import assert from "node:assert/strict";
import { pgTable, text } from "drizzle-orm/pg-core";
import { ReusableInsert } from "./reusable_insert.ts";

const notes = pgTable("notes", {
  id: text("id").primaryKey().$defaultFn(() => crypto.randomUUID()),
  text: text("text"),
});

Deno.test("a column with a $defaultFn must be listed: a text built once would freeze its value", () => {
  assert.throws(() => new ReusableInsert(notes, ["text"]), /id has a \$defaultFn/);
  new ReusableInsert(notes, ["id", "text"]);
});

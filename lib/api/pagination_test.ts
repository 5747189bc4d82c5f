import assert from "node:assert/strict";
import { z } from "@hono/zod-openapi";
import { Hono } from "hono";
import { ValidationError } from "../errors.ts";
import { decodeCursor, encodeCursor, pageOf } from "./pagination.ts";

Deno.test("a cursor round-trips its sort key and is URL-safe", () => {
  const key = { at: "2025-03-01T09:00:00.000Z", id: 42 };
  const cursor = encodeCursor(key);
  assert.match(cursor, /^[A-Za-z0-9_-]+$/);
  assert.deepEqual(decodeCursor(cursor, z.object({ at: z.string(), id: z.number() })), key);
  assert.equal(decodeCursor(undefined, z.number()), undefined);
  assert.equal(decodeCursor("", z.number()), undefined);
});

Deno.test("a cursor we did not make is a ValidationError on `after`", () => {
  for (const cursor of ["***", encodeCursor("text"), "e30", encodeCursor(-1)]) {
    assert.throws(() => decodeCursor(cursor, z.number().int().positive()), (err) => {
      assert.ok(err instanceof ValidationError, String(err));
      assert.deepEqual(Object.keys(err.fields), ["after"]);
      return true;
    }, cursor);
  }
});

/** Runs pageOf inside a request to `path`, as a list handler would. */
async function page(path: string, rows: number[], limit: number) {
  const app = new Hono();
  app.get("*", (c) => c.json(pageOf(c, rows, limit, (last) => last)));
  const res = await app.request(path);
  return { body: await res.json(), link: res.headers.get("link") };
}

Deno.test("a page with more rows than its limit links to the next one, keeping the other parameters", async () => {
  const { body, link } = await page("/s/blue/api/v1/things?kind=a&after=old", [9, 8, 7], 2);
  assert.deepEqual(body.data, [9, 8]);
  const next = new URL(body.next, "http://example.test");
  assert.equal(next.pathname, "/s/blue/api/v1/things");
  assert.equal(next.searchParams.get("kind"), "a");
  assert.equal(next.searchParams.get("limit"), "2");
  assert.equal(decodeCursor(next.searchParams.get("after")!, z.number()), 8);
  assert.equal(link, `<${body.next}>; rel="next"`);
});

Deno.test("the last page has no next link", async () => {
  assert.deepEqual(await page("/things", [2, 1], 2), { body: { data: [2, 1], next: null }, link: null });
  assert.deepEqual(await page("/things", [], 2), { body: { data: [], next: null }, link: null });
});

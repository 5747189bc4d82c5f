import assert from "node:assert/strict";
import { ValidationError } from "../errors.ts";
import { readForm } from "./form.ts";

const post = (body: BodyInit | null, type?: string) =>
  new Request("http://localhost/x", { method: "POST", body, headers: type ? { "content-type": type } : {} });

Deno.test("forms are read; anything else is a validation error, not a crash", async () => {
  const form = await readForm(post("a=1&b=two", "application/x-www-form-urlencoded"));
  assert.equal(form.get("b"), "two");
  await assert.rejects(readForm(post(null)), ValidationError);
  await assert.rejects(readForm(post("{}", "application/json")), ValidationError);
  await assert.rejects(readForm(post("garbage", "multipart/form-data; boundary=x")), ValidationError);
});

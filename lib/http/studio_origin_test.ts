import assert from "node:assert/strict";
import { studioOrigin } from "./studio_origin.ts";

Deno.test("links go to the host the request came to, over https when BASE_URL is https", () => {
  assert.equal(
    studioOrigin(new URL("http://north.studios.example/x"), { https: true }),
    "https://north.studios.example",
  );
  assert.equal(
    studioOrigin(new URL("http://127.0.0.1:8123/s/north/x"), { https: false }),
    "http://127.0.0.1:8123",
  );
  assert.equal(
    studioOrigin(new URL("https://book.blueroom.example/x"), { https: false }),
    "https://book.blueroom.example",
  );
});

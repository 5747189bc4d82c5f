import assert from "node:assert/strict";
import { withoutPassword } from "./config_check.ts";

Deno.test("config:check shows the SMTP URL without its password", () => {
  assert.equal(
    withoutPassword("smtps://mailer:s%40cret@smtp.example.com:465"),
    "smtps://mailer:****@smtp.example.com:465",
  );
  assert.equal(withoutPassword("smtp://smtp.example.com:587"), "smtp://smtp.example.com:587");
});

import assert from "node:assert/strict";
import { passwordResetMail, verificationMail } from "./account_mail.tsx";

const input = {
  to: "ana@example.com",
  name: "Ana <Lima>",
  studio: "Blue & Room",
  link: "https://blue.studios.example/reset-password?token=abc&x=1",
};

Deno.test("the reset e-mail carries the link in its text and, escaped, in its HTML", () => {
  const mail = passwordResetMail("en", input);
  assert.equal(mail.to, "ana@example.com");
  assert.equal(mail.subject, "Reset your password for Blue & Room");
  assert.match(mail.text, /^Hello Ana <Lima>,\n\n/);
  assert.ok(mail.text.includes(`\n\n${input.link}\n\n`), "the link on a line of its own");
  assert.match(mail.text, /30 minutes/);
  assert.ok(mail.html!.includes('href="https://blue.studios.example/reset-password?token=abc&amp;x=1"'));
  assert.ok(mail.html!.includes("Ana &lt;Lima>"));
  assert.ok(!mail.html!.includes("<Lima>"));
});

Deno.test("account e-mails are written in the reader's language", () => {
  const mail = verificationMail("fr", input);
  assert.equal(mail.subject, "Confirmez votre adresse e-mail pour Blue & Room");
  assert.match(mail.text, /^Bonjour Ana <Lima>,/);
  assert.match(mail.html!, /<html lang="fr">/);
});

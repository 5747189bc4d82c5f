import assert from "node:assert/strict";
import { invitationMail, lockoutNoticeMail, passwordResetMail, verificationMail } from "./account_mail.tsx";

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

Deno.test("an invitation names who sent it and the role, escaped in HTML; without an inviter it names no one", () => {
  const mail = invitationMail("en", { ...input, name: undefined, inviter: "Ana <Lima>", role: "bookkeeper" });
  assert.equal(mail.subject, "Ana <Lima> invited you to join Blue & Room");
  assert.match(
    mail.text,
    /^Hello,\n\nAna <Lima> invited you to join Blue & Room on Recording Studio Manager as Bookkeeper\./,
  );
  assert.ok(mail.html!.includes("Ana &lt;Lima> invited you"));
  assert.ok(!mail.html!.includes("<Lima>"));
  const anonymous = invitationMail("en", { ...input, inviter: undefined, role: "engineer" });
  assert.equal(anonymous.subject, "You are invited to join Blue & Room");
  assert.match(anonymous.text, /^Hello Ana <Lima>,/);
});

Deno.test("the lockout notice says how long the block lasts and links to the forgotten-password page", () => {
  const mail = lockoutNoticeMail("en", { ...input, minutes: 1 });
  assert.match(mail.text, /blocked for up to 1 minute\./);
  assert.ok(mail.text.includes(`\n\n${input.link}\n\n`));
  assert.match(lockoutNoticeMail("fr", { ...input, minutes: 12 }).text, /pendant 12 minutes au plus/);
});

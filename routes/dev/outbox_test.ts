import assert from "node:assert/strict";
import { addToOutbox } from "@/lib/kv/outbox.ts";
import { testApp } from "@/lib/testing/test_app.ts";

Deno.test("the outbox page shows kept e-mail with clickable links and says how to configure SMTP", async () => {
  await using t = await testApp();
  const empty = await (await t.app.request("/dev/outbox")).text();
  assert.match(empty, /No e-mail yet/);
  assert.match(empty, /set SMTP_URL \(for example smtps:\/\/user:password@smtp\.example\.com:465/);

  await t.mailer.send({
    to: "ana@example.com",
    subject: "Reset your password for North Sound",
    text: "Open this link:\n\nhttp://localhost:8000/s/north/reset-password?token=abc\n\nThanks",
  });
  await addToOutbox(t.kv, {
    from: "x@localhost",
    to: "bob@example.com",
    subject: "For Bob",
    text: "<b>hi</b>",
  });
  const res = await t.app.request("/dev/outbox");
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("cache-control"), "no-store");
  const html = await res.text();
  assert.match(html, /Reset your password for North Sound/);
  assert.match(html, /<a\s+href="http:\/\/localhost:8000\/s\/north\/reset-password\?token=abc"/);
  assert.ok(html.includes("&lt;b>hi&lt;/b>"), "text is shown as text");
  assert.ok(html.indexOf("For Bob") < html.indexOf("North Sound"), "newest first");

  const onlyAna = await (await t.app.request("/dev/outbox?to=ana@example.com")).text();
  assert.ok(!onlyAna.includes("For Bob"));
});

Deno.test("the outbox page does not exist in production", async () => {
  await using t = await testApp({ APP_ENV: "production" });
  await t.mailer.send({
    to: "ana@example.com",
    subject: "Secret link",
    text: "http://x/reset-password?token=abc",
  });
  for (const path of ["/dev/outbox", "/s/anything/dev/outbox"]) {
    const res = await t.app.request(path);
    assert.equal(res.status, 404, path);
    assert.ok(!(await res.text()).includes("Secret link"));
  }
});

Deno.test("with SMTP_URL set the page names the relay instead", async () => {
  await using t = await testApp({ SMTP_URL: "smtps://mailer:secret@smtp.example.com:465" });
  const html = await (await t.app.request("/dev/outbox")).text();
  assert.match(html, /SMTP_URL is set: new e-mail goes to smtp\.example\.com:465/);
  assert.ok(!html.includes("secret"));
});

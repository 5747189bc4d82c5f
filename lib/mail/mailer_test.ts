import assert from "node:assert/strict";
import { openKv } from "../kv/open.ts";
import { listOutbox } from "../kv/outbox.ts";
import { configureLog } from "../http/logger.ts";
import { loadConfig } from "../config.ts";
import { mailerFromConfig, sendInBackground } from "./mailer.ts";

Deno.test("without SMTP_URL mail is kept in the outbox, from MAIL_FROM", async () => {
  using kv = await openKv(":memory:");
  const config = loadConfig({
    DATA_DIR: Deno.makeTempDirSync(),
    MAIL_FROM: "Blue Room <desk@blueroom.example>",
  });
  const mailer = mailerFromConfig(config, kv);
  assert.equal(mailer.kind, "outbox");
  await mailer.send({
    to: "ana@example.com",
    subject: "Welcome",
    text: "Hello Ana",
    html: "<p>Hello Ana</p>",
  });
  const [stored] = await listOutbox(kv);
  assert.deepEqual(
    { from: stored.from, to: stored.to, subject: stored.subject, text: stored.text, html: stored.html },
    {
      from: "Blue Room <desk@blueroom.example>",
      to: "ana@example.com",
      subject: "Welcome",
      text: "Hello Ana",
      html: "<p>Hello Ana</p>",
    },
  );
});

Deno.test("with SMTP_URL the mailer is the SMTP relay", async () => {
  using kv = await openKv(":memory:");
  const config = loadConfig({ DATA_DIR: Deno.makeTempDirSync(), SMTP_URL: "smtp://127.0.0.1:1" });
  const mailer = mailerFromConfig(config, kv);
  assert.equal(mailer.kind, "smtp");
  mailer.close?.();
});

Deno.test("a message sent in the background that fails is logged, not thrown, and its body is not logged", async () => {
  const lines: string[] = [];
  configureLog("error", (line) => lines.push(line));
  try {
    const failing = { kind: "smtp" as const, send: () => Promise.reject(new Error("relay said no")) };
    await sendInBackground(failing, { to: "ana@example.com", subject: "Reset", text: "secret-link" }, {
      staffId: "u_1",
    });
    assert.equal(lines.length, 1);
    const entry = JSON.parse(lines[0]);
    assert.equal(entry.msg, "sending an e-mail failed");
    assert.equal(entry.staffId, "u_1");
    assert.equal(entry.error.message, "relay said no");
    assert.ok(!lines[0].includes("secret-link"));
  } finally {
    configureLog("error", (line) => console.log(line));
  }
});

Deno.test("a message prepared in the background is sent once ready; a failure to prepare it is logged", async () => {
  using kv = await openKv(":memory:");
  const mailer = mailerFromConfig(loadConfig({ DATA_DIR: Deno.makeTempDirSync() }), kv);
  await sendInBackground(
    mailer,
    () => Promise.resolve({ to: "ana@example.com", subject: "Later", text: "Hi" }),
  );
  assert.deepEqual((await listOutbox(kv)).map((m) => m.subject), ["Later"]);

  const lines: string[] = [];
  configureLog("error", (line) => lines.push(line));
  try {
    await sendInBackground(mailer, () => Promise.reject(new Error("no token")));
  } finally {
    configureLog("error", (line) => console.log(line));
  }
  assert.equal(JSON.parse(lines[0]).error.message, "no token");
});

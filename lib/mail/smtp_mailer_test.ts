import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { smtpMailer } from "./smtp_mailer.ts";

interface Received {
  from: string;
  to: string[];
  user?: string;
  raw: string;
}

/** A real SMTP server (smtp-server) on a free loopback port that keeps what it receives. */
async function startSmtpServer(credentials: { user: string; pass: string }) {
  const received: Received[] = [];
  const server = new SMTPServer({
    // No TLS in the test: plain SMTP on loopback, with AUTH allowed over it.
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === credentials.user && auth.password === credentials.pass) {
        callback(null, { user: auth.username });
      } else {
        callback(new Error("Invalid username or password"));
      }
    },
    onData(stream, session, callback) {
      const chunks: Uint8Array[] = [];
      stream.on("data", (chunk: Uint8Array) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          user: session.user as string | undefined,
          raw: new TextDecoder().decode(Buffer.concat(chunks)),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    [Symbol.asyncDispose]: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

Deno.test("the SMTP mailer delivers to a real SMTP server, signing in with the URL's credentials", async () => {
  await using smtp = await startSmtpServer({ user: "mailer", pass: "s@cret" });
  const mailer = smtpMailer({
    url: `smtp://mailer:s%40cret@127.0.0.1:${smtp.port}`,
    from: "Blue Room <desk@blueroom.example>",
  });
  try {
    await mailer.send({
      to: "ana@example.com",
      subject: "Reset your password",
      text: "Open the link to choose a new password.",
      html: "<p>Open the link to choose a new password.</p>",
    });
  } finally {
    mailer.close?.();
  }
  assert.equal(smtp.received.length, 1);
  const [mail] = smtp.received;
  assert.equal(mail.user, "mailer");
  assert.equal(mail.from, "desk@blueroom.example");
  assert.deepEqual(mail.to, ["ana@example.com"]);
  assert.match(mail.raw, /^From: Blue Room <desk@blueroom\.example>\r$/m);
  assert.match(mail.raw, /^To: ana@example\.com\r$/m);
  assert.match(mail.raw, /^Subject: Reset your password\r$/m);
  assert.match(
    mail.raw,
    /Content-Type: text\/plain; charset=utf-8\r\n[^]*?\r\n\r\nOpen the link to choose a new password\./,
  );
  assert.match(mail.raw, /Content-Type: text\/html; charset=utf-8\r\n[^]*?\r\n\r\n<p>Open the link/);
});

Deno.test("a relay that refuses the credentials makes send() reject", async () => {
  await using smtp = await startSmtpServer({ user: "mailer", pass: "right" });
  const mailer = smtpMailer({
    url: `smtp://mailer:wrong@127.0.0.1:${smtp.port}`,
    from: "no-reply@localhost",
  });
  try {
    await assert.rejects(mailer.send({ to: "ana@example.com", subject: "Hi", text: "Hi" }));
  } finally {
    mailer.close?.();
  }
  assert.equal(smtp.received.length, 0);
});

Deno.test("?requireTLS=true in SMTP_URL refuses a relay that does not offer STARTTLS", async () => {
  await using smtp = await startSmtpServer({ user: "mailer", pass: "right" });
  const mailer = smtpMailer({
    url: `smtp://mailer:right@127.0.0.1:${smtp.port}?requireTLS=true`,
    from: "no-reply@localhost",
  });
  try {
    await assert.rejects(mailer.send({ to: "ana@example.com", subject: "Hi", text: "Hi" }), /STARTTLS/);
  } finally {
    mailer.close?.();
  }
  assert.equal(smtp.received.length, 0);
});

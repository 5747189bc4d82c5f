import nodemailer from "nodemailer";
import type { Mailer, MailMessage } from "./mailer.ts";

export interface SmtpOptions {
  /** smtp://user:password@host:587 (STARTTLS when offered) or smtps://…:465 (TLS throughout). */
  url: string;
  /** The From header, e.g. "Blue Room <bookings@blueroom.example>". */
  from: string;
}

// nodemailer waits minutes by default; a request that sends mail should fail in seconds instead.
const CONNECTION_TIMEOUT_MS = 10_000;
const GREETING_TIMEOUT_MS = 10_000;
const SOCKET_TIMEOUT_MS = 30_000;

/**
 * Sends through an SMTP relay with nodemailer. Credentials come from the URL (percent-encode
 * reserved characters: `@` is `%40`); query parameters become nodemailer options, e.g.
 * `?requireTLS=true` to refuse a relay that does not offer STARTTLS.
 */
export function smtpMailer(options: SmtpOptions): Mailer {
  const transport = nodemailer.createTransport({
    url: options.url,
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    greetingTimeout: GREETING_TIMEOUT_MS,
    socketTimeout: SOCKET_TIMEOUT_MS,
  });
  return {
    kind: "smtp",
    async send(message: MailMessage) {
      await transport.sendMail({
        from: options.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html === undefined ? {} : { html: message.html }),
      });
    },
    close: () => transport.close(),
  };
}

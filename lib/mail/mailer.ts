/**
 * Outgoing e-mail. Domain code sends through a {@link Mailer} from AppDeps and never knows where it
 * goes: with SMTP_URL set it is an SMTP relay (smtp_mailer.ts), otherwise the KV outbox
 * (outbox_mailer.ts) that developers read at /dev/outbox.
 *
 * ```ts
 * await mailer.send({ to: "ana@example.com", subject: "Reset your password", text: `Open ${link}` });
 * ```
 */
import type { Config } from "../config.ts";
import { log } from "../http/logger.ts";
import { outboxMailer } from "./outbox_mailer.ts";
import { smtpMailer } from "./smtp_mailer.ts";

export interface MailMessage {
  /** One recipient address. */
  to: string;
  subject: string;
  /** The plain-text body; every message has one. */
  text: string;
  /** An HTML alternative, when the message has one. */
  html?: string;
}

export interface Mailer {
  /** Hands the message over for delivery; rejects when the relay refuses it or cannot be reached. */
  send(message: MailMessage): Promise<void>;
  /** Where messages go, for logs and the outbox page: "smtp" or "outbox". */
  readonly kind: "smtp" | "outbox";
  /** Releases connections, if any. */
  close?(): void;
}

/** The mailer the configuration asks for: SMTP when SMTP_URL is set, else the outbox in `kv`. */
export function mailerFromConfig(config: Pick<Config, "mail">, kv: Deno.Kv): Mailer {
  return config.mail.smtpUrl
    ? smtpMailer({ url: config.mail.smtpUrl, from: config.mail.from })
    : outboxMailer(kv, config.mail.from);
}

/**
 * Sends without making the caller wait, logging a failure instead of throwing it. For answers that
 * must not depend on whether a message went out (a reset request must take as long for an unknown
 * address as for a known one). `message` may be a function that prepares it, so that its work (issuing
 * a token) happens in the background too. The promise never rejects; tests may await it.
 */
export function sendInBackground(
  mailer: Mailer,
  message: MailMessage | (() => Promise<MailMessage>),
  context: Record<string, unknown> = {},
): Promise<void> {
  let subject: string | undefined;
  const send = async () => {
    const ready = typeof message === "function" ? await message() : message;
    subject = ready.subject;
    await mailer.send(ready);
  };
  return send().catch((error) => {
    // The subject says which kind of message; the body may carry a secret link, so it is not logged.
    log.error("sending an e-mail failed", { ...context, mailer: mailer.kind, subject, error });
  });
}

import type { Mailer, MailMessage } from "../mail/mailer.ts";

/** A mailer that keeps what it is given, for tests that read the messages a call sent. */
export function capturingMailer(): { mailer: Mailer; sent: MailMessage[] } {
  const sent: MailMessage[] = [];
  const mailer: Mailer = { kind: "outbox", send: (m) => Promise.resolve(void sent.push(m)) };
  return { mailer, sent };
}

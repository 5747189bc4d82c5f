import { addToOutbox } from "../kv/outbox.ts";
import type { Mailer, MailMessage } from "./mailer.ts";

/** Keeps messages in the KV outbox (lib/kv/outbox.ts) instead of sending them: the default without SMTP_URL. */
export function outboxMailer(kv: Deno.Kv, from: string): Mailer {
  return {
    kind: "outbox",
    async send(message: MailMessage) {
      await addToOutbox(kv, { from, ...message });
    },
  };
}

import { listOutbox, type OutboxMessage } from "../kv/outbox.ts";

/**
 * The newest outbox message to `to`, waiting for it: some e-mail is sent in the background after the
 * response (password resets), so a test may look before it has landed.
 */
export async function waitForMail(kv: Deno.Kv, to: string, timeoutMs = 5_000): Promise<OutboxMessage> {
  const deadline = Date.now() + timeoutMs;
  while (true) {
    const [message] = await listOutbox(kv, { to, limit: 1 });
    if (message) return message;
    if (Date.now() > deadline) throw new Error(`No e-mail to ${to} arrived within ${timeoutMs} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The first link in a message's text that matches `pattern`, e.g. /\/reset-password\?token=/. */
export function linkIn(message: OutboxMessage, pattern: RegExp): string {
  const link = message.text.match(/https?:\/\/\S+/g)?.find((url) => pattern.test(url));
  if (!link) throw new Error(`No link matching ${pattern} in:\n${message.text}`);
  return link;
}

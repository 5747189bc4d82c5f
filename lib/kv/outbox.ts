/**
 * The local outbox: e-mail the app would have sent, kept in KV when no SMTP relay is configured, so
 * a developer (or a browser test) can read sign-up and password-reset links at /dev/outbox.
 *
 * Key shape:
 *
 *   ["outbox", id] → OutboxMessage   id = "m_" + ULID (newest last); expires after OUTBOX_TTL_MS
 *
 * Messages hold live links (password resets), which is why the page that shows them exists only
 * outside production and why they expire on their own.
 */
import { newId } from "./ids.ts";

export const OUTBOX_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const OUTBOX_ID_PREFIX = "m";

export interface OutboxMessage {
  /** "m_" + ULID. */
  id: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** ISO instant. */
  sentAt: string;
}

export type NewOutboxMessage = Omit<OutboxMessage, "id" | "sentAt">;

/** Puts a message in the outbox; it disappears after seven days. */
export async function addToOutbox(
  kv: Deno.Kv,
  message: NewOutboxMessage,
  now = Date.now(),
): Promise<OutboxMessage> {
  const stored: OutboxMessage = {
    id: newId(OUTBOX_ID_PREFIX, now),
    from: message.from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    ...(message.html === undefined ? {} : { html: message.html }),
    sentAt: new Date(now).toISOString(),
  };
  await kv.set(["outbox", stored.id], stored, { expireIn: OUTBOX_TTL_MS });
  return stored;
}

/**
 * The newest messages first, at most `limit` (default 50), optionally only those to one address
 * (compared ignoring case). Messages past their seven days are skipped even before KV drops them.
 */
export async function listOutbox(
  kv: Deno.Kv,
  options: { to?: string; limit?: number; now?: number } = {},
): Promise<OutboxMessage[]> {
  const limit = options.limit ?? 50;
  const oldest = (options.now ?? Date.now()) - OUTBOX_TTL_MS;
  const to = options.to?.trim().toLowerCase();
  const messages: OutboxMessage[] = [];
  for await (const entry of kv.list<OutboxMessage>({ prefix: ["outbox"] }, { reverse: true })) {
    const message = entry.value;
    if (Date.parse(message.sentAt) <= oldest) break;
    if (to !== undefined && message.to.toLowerCase() !== to) continue;
    messages.push(message);
    if (messages.length >= limit) break;
  }
  return messages;
}

/**
 * Which session reminders have gone out, so that the hourly sweep (lib/notifications/booking_reminders.ts)
 * mails each session once per start time however often it runs, retries or races another process.
 *
 * Key shape:
 *
 *   ["booking_reminders", tenantId, bookingId, startsAtMs] → ISO instant the reminder was claimed
 *                                                            expires a day after the session starts
 *
 * The start instant is part of the key: a session moved to another time is a new key, so it gets a
 * reminder for its new time. Entries last until the session has started, so no sweep can ask for
 * them again — whatever lead time (up to 14 days) the studio sets or changes to meanwhile.
 */
import { deleteListed } from "./batch_delete.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

const claimKey = (tenantId: string, bookingId: string, startsAt: Date): Deno.KvKey => [
  "booking_reminders",
  tenantId,
  bookingId,
  startsAt.getTime(),
];

/** Claims the reminder of one session start: true for exactly one caller, even across processes. */
export async function claimReminder(
  kv: Deno.Kv,
  tenantId: string,
  bookingId: string,
  startsAt: Date,
  now = new Date(),
): Promise<boolean> {
  const key = claimKey(tenantId, bookingId, startsAt);
  const result = await kv.atomic()
    .check({ key, versionstamp: null })
    .set(key, now.toISOString(), { expireIn: Math.max(startsAt.getTime() - now.getTime(), 0) + DAY_MS })
    .commit();
  return result.ok;
}

/** Gives a claim back when the mail could not be handed over, so that the queue's retry sends it. */
export async function releaseReminder(
  kv: Deno.Kv,
  tenantId: string,
  bookingId: string,
  startsAt: Date,
): Promise<void> {
  await kv.delete(claimKey(tenantId, bookingId, startsAt));
}

/** Forgets a deleted studio's reminder claims, in bounded atomic batches. */
export async function deleteStudioReminderClaims(kv: Deno.Kv, tenantId: string): Promise<number> {
  return await deleteListed(kv, ["booking_reminders", tenantId], (entry) => [entry.key]);
}

/**
 * Which session reminders have gone out, so that the hourly sweep (lib/notifications/booking_reminders.ts)
 * mails each session once per start time however often it runs, retries or races another process.
 *
 * Key shape:
 *
 *   ["booking_reminders", tenantId, bookingId, startsAtMs] → ISO instant the reminder was claimed
 *                                                            expires after REMINDER_CLAIM_TTL_MS
 *
 * The start instant is part of the key: a session moved to another time is a new key, so it gets a
 * reminder for its new time. Entries outlive the 25-hour window that could ask for them again.
 */

export const REMINDER_CLAIM_TTL_MS = 7 * 24 * 60 * 60 * 1000;

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
    .set(key, now.toISOString(), { expireIn: REMINDER_CLAIM_TTL_MS })
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

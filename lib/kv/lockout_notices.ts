/**
 * Which lockout windows an account has been told about, so that wrong guesses locking it out send
 * its owner one notice per window however many more guesses follow.
 *
 * Key shape:
 *
 *   ["lockout_notices", email, windowStart] → ISO instant the notice was claimed   expires with the window
 */

/**
 * Claims the notice of one lockout window for `email`: true for exactly one caller per window, even
 * when several app instances see the lockout at once.
 */
export async function claimLockoutNotice(
  kv: Deno.Kv,
  email: string,
  window: { start: number; ms: number },
  now = Date.now(),
): Promise<boolean> {
  const key = ["lockout_notices", email, window.start];
  // Kept a little past the window so a late claim in the same window still finds it.
  const expireIn = Math.max(1, window.start + window.ms - now) + 60_000;
  const result = await kv.atomic()
    .check({ key, versionstamp: null })
    .set(key, new Date(now).toISOString(), { expireIn })
    .commit();
  return result.ok;
}

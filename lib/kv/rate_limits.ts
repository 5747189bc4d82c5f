/**
 * Fixed-window rate limits kept in KV, so every app instance counts the same attempts.
 *
 * Key shape:
 *
 *   ["rate_limits", rule, subject, windowStart] → number   expires with its window
 *
 * `rule` names what is limited (e.g. "sign-in:account"); `subject` is who (an e-mail, an address).
 * A subject within one studio starts with `<tenantId>:` (e.g. `t_…:cl_…`), which is how a deleted
 * studio's counters are found.
 * Each hit is a versionstamp-checked increment; a hit that keeps losing races is refused, so under
 * any contention no more than `limit` hits pass in a window.
 */
import { deleteListed } from "./batch_delete.ts";

export interface RateLimitRule {
  name: string;
  limit: number;
  windowMs: number;
}

export interface RateLimitResult {
  allowed: boolean;
  /** Seconds until the window resets; for Retry-After. */
  retryAfterSeconds: number;
}

const MAX_ATTEMPTS = 25;

/** Counts one hit of `subject` against `rule` and says whether it is allowed. */
export async function hitRateLimit(
  kv: Deno.Kv,
  rule: RateLimitRule,
  subject: string,
  now = Date.now(),
): Promise<RateLimitResult> {
  const windowStart = now - (now % rule.windowMs);
  const retryAfterSeconds = Math.max(1, Math.ceil((windowStart + rule.windowMs - now) / 1000));
  const key = ["rate_limits", rule.name, subject, windowStart];
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const entry = await kv.get<number>(key);
    const count = entry.value ?? 0;
    if (count >= rule.limit) return { allowed: false, retryAfterSeconds };
    const result = await kv.atomic().check(entry).set(key, count + 1, { expireIn: rule.windowMs }).commit();
    if (result.ok) return { allowed: true, retryAfterSeconds };
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 2 ** Math.min(attempt, 6)));
  }
  return { allowed: false, retryAfterSeconds };
}

/** Forgets a subject's hits in the current window (e.g. after a successful sign-in). */
export async function resetRateLimit(kv: Deno.Kv, rule: RateLimitRule, subject: string, now = Date.now()) {
  await kv.delete(["rate_limits", rule.name, subject, now - (now % rule.windowMs)]);
}

/** The hits `subject` has made against `rule` in the current window (refused hits are not counted). */
export async function rateLimitHits(kv: Deno.Kv, rule: RateLimitRule, subject: string, now = Date.now()) {
  return (await kv.get<number>(["rate_limits", rule.name, subject, now - (now % rule.windowMs)])).value ?? 0;
}

/**
 * Removes a deleted studio's counters (subjects starting `<tenantId>:`). Counters have no per-studio
 * index; they expire with their window (a day at most), so the scan is over the current ones.
 */
export async function deleteStudioRateLimits(kv: Deno.Kv, tenantId: string): Promise<number> {
  const scope = `${tenantId}:`;
  return await deleteListed(
    kv,
    ["rate_limits"],
    (entry) => typeof entry.key[2] === "string" && entry.key[2].startsWith(scope) ? [entry.key] : [],
  );
}

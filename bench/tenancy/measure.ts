// Small measuring helpers shared by the tenancy benchmarks.

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** Nearest-rank percentile, `p` in 0–100. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p / 100 * sorted.length) - 1))];
}

/** Rounds to `digits` decimals, for figures meant to be read. */
export const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;

/** Milliseconds `work` took, with its result. */
export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

/**
 * Runs `work` over `items`, at most `concurrency` at a time, in order of the items. The first error
 * stops handing out new items and is thrown once the running ones have settled.
 */
export async function forEachConcurrently<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < items.length) {
      const index = next++;
      try {
        await work(items[index], index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  if (failure) throw failure.error;
}

/** Progress on stderr, so stdout stays the report. */
export function progress(message: string): void {
  console.error(`[bench:tenancy] ${message}`);
}

/** A throttled "done/total" progress line. */
export function counter(label: string, total: number): (done: number) => void {
  let last = 0;
  return (done) => {
    const now = performance.now();
    if (done === total || now - last > 2000) {
      last = now;
      progress(`${label}: ${done}/${total}`);
    }
  };
}

/**
 * Resident memory after a full collection when the process runs with `--v8-flags=--expose-gc`,
 * in MB; `gc` says whether the collection happened.
 */
export function rssAfterGc(): { mb: number; gc: boolean } {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  return { mb: round(Deno.memoryUsage().rss / 2 ** 20), gc: Boolean(gc) };
}

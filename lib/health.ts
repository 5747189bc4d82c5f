/** One dependency's readiness. */
export interface ReadinessCheck {
  name: string;
  ok: boolean;
  ms: number;
  error?: string;
}

/** Runs readiness probes concurrently, each bounded by `timeoutMs`. */
export async function checkReadiness(
  probes: Record<string, () => Promise<unknown>>,
  timeoutMs = 2000,
): Promise<{ ready: boolean; checks: ReadinessCheck[] }> {
  const checks = await Promise.all(
    Object.entries(probes).map(async ([name, probe]) => {
      const started = performance.now();
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        await Promise.race([
          probe(),
          new Promise((_, reject) => timer = setTimeout(() => reject(new Error("timed out")), timeoutMs)),
        ]);
        return { name, ok: true, ms: Math.round(performance.now() - started) };
      } catch (err) {
        return {
          name,
          ok: false,
          ms: Math.round(performance.now() - started),
          error: (err as Error).message,
        };
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return { ready: checks.every((c) => c.ok), checks };
}

import postgres from "postgres";

/** Client backends on the server, counted every `intervalMs` over a connection of the sampler's own. */
export interface ConnectionSampler extends AsyncDisposable {
  /** Starts a new phase: `peak()` reports the highest count seen since. */
  phase(name: string): void;
  /** Highest count per phase so far, the sampler's own connection included. */
  peaks(): Record<string, { peak: number; samples: number }>;
  /** Samples that failed (the count query errored); a healthy run has none. */
  readonly failures: number;
  stop(): Promise<void>;
}

const CLIENT_BACKENDS =
  "SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'client backend'";

export async function sampleConnections(url: string, intervalMs = 20): Promise<ConnectionSampler> {
  const sql = postgres(url, { max: 1, prepare: false, onnotice: () => {} });
  const phases: Record<string, { peak: number; samples: number }> = {};
  let current = { peak: 0, samples: 0 };
  let stopped = false;
  const sampleOnce = async () => {
    const [{ n }] = await sql.unsafe<{ n: number }[]>(CLIENT_BACKENDS);
    current.peak = Math.max(current.peak, n);
    current.samples++;
  };
  await sampleOnce(); // connects, so a failure shows here rather than in the loop
  let failures = 0;
  const loop = (async () => {
    while (!stopped) {
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
      if (!stopped) await sampleOnce().catch(() => failures++);
    }
  })();
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    try {
      await loop;
    } finally {
      await sql.end({ timeout: 5 });
    }
  };
  return {
    phase(name) {
      current = { peak: 0, samples: 0 };
      phases[name] = current;
    },
    peaks: () => structuredClone(phases),
    get failures() {
      return failures;
    },
    stop,
    [Symbol.asyncDispose]: stop,
  };
}

/**
 * Background work for the whole process: a Deno.Kv has a single queue listener, so every feature
 * registers a Job here and one listener dispatches messages by `type`. Crons only enqueue; the work
 * runs in the queue, which retries a handler that throws (handlers must be idempotent).
 *
 * ```ts
 * startJobs(kv, [dunningJob(deps), stripeReconciliationJob(deps)]);
 * ```
 */
import { log } from "../http/logger.ts";

export interface JobMessage {
  type: string;
}

export interface Job<M extends JobMessage = JobMessage> {
  /** The queue message type this job handles. */
  type: M["type"];
  /** Rejects messages of its type that are malformed (a stale shape from an older release). */
  accepts(message: JobMessage): message is M;
  handle(message: M): Promise<void>;
  /** A schedule that enqueues this job's messages. */
  cron?: { name: string; schedule: string; run(): Promise<void> };
}

/** Routes one queue message to its job; unknown or malformed messages are logged and dropped. */
export async function dispatchJob(jobs: readonly Job[], message: unknown): Promise<boolean> {
  const type = typeof message === "object" && message !== null ? (message as JobMessage).type : undefined;
  const job = jobs.find((candidate) => candidate.type === type);
  if (!job || !job.accepts(message as JobMessage)) {
    log.warn("queue message dropped: no job takes it", { type: String(type) });
    return false;
  }
  await job.handle(message as JobMessage);
  return true;
}

/** Starts every job's cron and the queue listener; resolves when the listener stops (the KV closes). */
export function startJobs(kv: Deno.Kv, jobs: readonly Job[]): Promise<void> {
  for (const job of jobs) {
    if (!job.cron) continue;
    const { name, schedule, run } = job.cron;
    Deno.cron(name, schedule, async () => {
      try {
        await run();
      } catch (err) {
        log.error("scheduled job failed to enqueue", { job: name, error: err });
      }
    });
  }
  return kv.listenQueue((message: unknown) => dispatchJob(jobs, message).then(() => {}));
}

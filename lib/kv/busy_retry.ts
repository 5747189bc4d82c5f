/**
 * A KV file opened by more than one handle — the app's HTTP threads (WEB_WORKERS), or an admin
 * command beside the server — is one SQLite database with one writer at a time. SQLite answers a
 * write that finds the lock taken with "database is locked" at once (a deferred transaction that
 * would have to upgrade its lock does not wait), so each handle retries such operations itself,
 * with a short random back-off. Nothing was written when it refused, so a retry is the same call:
 * an atomic operation's checks are checked again.
 */
const BUSY = /database (table )?is locked/;
const MAX_ATTEMPTS = 50;

/** Runs `operation`, again while SQLite says the database is locked (about a second at most). */
export async function retryWhileLocked<T>(operation: () => Promise<T>): Promise<T> {
  for (let attempt = 1;; attempt++) {
    try {
      return await operation();
    } catch (err) {
      if (attempt >= MAX_ATTEMPTS || !(err instanceof Error) || !BUSY.test(err.message)) throw err;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(2 ** attempt, 40)));
    }
  }
}

type Retried = "get" | "getMany" | "set" | "delete" | "enqueue";
const RETRIED: Retried[] = ["get", "getMany", "set", "delete", "enqueue"];

/** `kv`, its reads, writes and atomic commits retried while its file is locked by another handle. */
export function retryingWhenLocked(kv: Deno.Kv): Deno.Kv {
  const methods = kv as unknown as Record<Retried, (...args: unknown[]) => Promise<unknown>>;
  for (const name of RETRIED) {
    const call = methods[name].bind(kv);
    methods[name] = (...args) => retryWhileLocked(() => call(...args));
  }
  const atomic = kv.atomic.bind(kv);
  kv.atomic = () => {
    const operation = atomic();
    const commit = operation.commit.bind(operation);
    operation.commit = () => retryWhileLocked(commit);
    return operation;
  };
  return kv;
}

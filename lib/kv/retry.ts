import { ConflictError } from "../errors.ts";

// Every write to a record checks the versionstamp it read; under contention each loser re-reads and
// tries again. Ten attempts with jittered back-off let ten simultaneous writers all land.
const MAX_ATTEMPTS = 10;

/**
 * Runs `attempt` until it commits; `attempt` returns null when its versionstamp check lost a race.
 * After MAX_ATTEMPTS losses it gives up with a ConflictError naming `subject`.
 */
export async function retryOnConflict<T>(subject: string, attempt: () => Promise<T | null>): Promise<T> {
  for (let i = 1; i <= MAX_ATTEMPTS; i++) {
    const result = await attempt();
    if (result !== null) return result;
    // Random back-off so writers that collided do not collide again in lockstep.
    if (i < MAX_ATTEMPTS) {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 2 ** Math.min(i, 5)));
    }
  }
  throw new ConflictError(`${subject} was changed by others ${MAX_ATTEMPTS} times in a row; try again.`);
}

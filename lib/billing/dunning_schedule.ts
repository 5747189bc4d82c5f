/**
 * Runs the daily billing sweep — payment reminders (dunning.ts), then quote expiry (quotes.ts) — for
 * every active studio through the Deno KV queue.
 * `Deno.cron` fires daily and enqueues one message per active studio; the shared queue listener
 * (lib/jobs/jobs.ts) sweeps that studio. KV retries a message whose handler throws, and the sweep is
 * idempotent, so a retry never mails twice.
 *
 * Key shape: none stored; queue messages are `{ type: "dunning.sweep", tenantId }`.
 */
import { log } from "../http/logger.ts";
import type { Job, JobMessage } from "../jobs/jobs.ts";
import { getTenant, listTenants } from "../kv/tenants.ts";
import type { Mailer } from "../mail/mailer.ts";
import type { Tenancy } from "../tenancy/tenancy.ts";
import { runDunning } from "./dunning.ts";
import { localDateOf } from "./issue.ts";
import { expireQuotes } from "./quotes.ts";

export interface DunningMessage {
  type: "dunning.sweep";
  tenantId: string;
}

export interface DunningDeps {
  kv: Deno.Kv;
  tenancy: Tenancy;
  mailer: Mailer;
}

/** 06:00 UTC daily: morning in Europe, before the working day in the Americas. */
export const DUNNING_CRON = "0 6 * * *";

/** Enqueues one sweep per active studio; returns how many. */
export async function enqueueDunningSweeps(kv: Deno.Kv): Promise<number> {
  let cursor: string | undefined;
  let count = 0;
  do {
    const page = await listTenants(kv, { status: "active", limit: 1000, cursor });
    for (const tenant of page.tenants) {
      await kv.enqueue({ type: "dunning.sweep", tenantId: tenant.id } satisfies DunningMessage);
      count++;
    }
    cursor = page.cursor;
  } while (cursor);
  return count;
}

export function isDunningMessage(message: JobMessage): message is DunningMessage {
  return message.type === "dunning.sweep" &&
    typeof (message as DunningMessage).tenantId === "string";
}

/** Sweeps the studio a message names, on its own local date; a studio no longer active is skipped. */
export async function handleDunningMessage(
  deps: DunningDeps,
  message: DunningMessage,
  now = new Date(),
): Promise<number> {
  const tenant = await getTenant(deps.kv, message.tenantId);
  if (!tenant || tenant.status !== "active") return 0;
  const today = localDateOf(now, tenant.timezone);
  const { sent, expired } = await deps.tenancy.pool.use(tenant.database, async (db) => ({
    sent: await runDunning(db, deps.mailer, today),
    // The same daily pass moves quotes past their last valid day to `expired` (links refuse them already).
    expired: await expireQuotes(db, today),
  }));
  if (sent > 0) log.info("payment reminders sent", { tenant: tenant.slug, sent });
  if (expired.length > 0) log.info("quotes expired", { tenant: tenant.slug, expired: expired.length });
  return sent;
}

/** The daily sweep as a background job (lib/jobs/jobs.ts). */
export function dunningJob(deps: DunningDeps): Job<DunningMessage> {
  return {
    type: "dunning.sweep",
    accepts: isDunningMessage,
    handle: async (message) => {
      await handleDunningMessage(deps, message);
    },
    cron: {
      name: "payment reminders",
      schedule: DUNNING_CRON,
      run: async () => {
        const count = await enqueueDunningSweeps(deps.kv);
        log.info("payment reminder sweeps queued", { studios: count });
      },
    },
  };
}

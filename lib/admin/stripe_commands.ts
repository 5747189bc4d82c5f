import { ValidationError } from "../errors.ts";
import { mailerFromConfig } from "../mail/mailer.ts";
import { eventNoticeSender } from "../stripe/event_notices.ts";
import { type NoticeSender, processEvent, storedEvents } from "../stripe/events.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import type { AdminCommand } from "./cli.ts";
import { PartialFailure } from "./cli.ts";
import { studioBySlug, withTenancy } from "./tenant_commands.ts";

export interface ReplayResult {
  eventId: string;
  type: string;
  outcome: "processed" | "already_processed" | "failed";
  error?: string;
}

/**
 * Runs stored Stripe events again through the same processor as the webhook: one by id, or every
 * event not processed yet, oldest first. An event already processed is left as it is (its effects
 * committed once); one that fails again keeps its error for the next try.
 */
export async function replayStripeEvents(
  db: TenantDb,
  filter: { eventId?: string; unprocessed?: boolean },
  notify?: NoticeSender,
): Promise<ReplayResult[]> {
  if (!filter.eventId && !filter.unprocessed) {
    throw new ValidationError({ event: "Give --event evt_… or --unprocessed." });
  }
  const events = await storedEvents(db, filter);
  if (filter.eventId && events.length === 0) {
    throw new ValidationError({ event: `No stored Stripe event ${filter.eventId}.` });
  }
  const results: ReplayResult[] = [];
  for (const event of events) {
    try {
      results.push({
        eventId: event.id,
        type: event.type,
        outcome: await processEvent(db, event.id, { notify }),
      });
    } catch (err) {
      results.push({ eventId: event.id, type: event.type, outcome: "failed", error: (err as Error).message });
    }
  }
  return results;
}

export const stripeReplay: AdminCommand = {
  name: "stripe:replay",
  summary: "Process a studio's stored Stripe events again (one, or all not processed yet)",
  options: {
    slug: { type: "string", description: "the studio", required: true },
    event: { type: "string", description: "only this event (evt_…)" },
    unprocessed: { type: "boolean", description: "every event not processed yet, oldest first" },
  },
  run: (o) =>
    withTenancy(async (tenancy, config) => {
      const tenant = await studioBySlug(tenancy, o.slug);
      const mailer = mailerFromConfig(config, tenancy.kv);
      try {
        const results = await tenancy.pool.use(tenant.database, (db) =>
          replayStripeEvents(db, {
            eventId: typeof o.event === "string" ? o.event : undefined,
            unprocessed: o.unprocessed === true,
          }, eventNoticeSender(mailer, db)));
        const failed = results.filter((r) => r.outcome === "failed").length;
        const summary = { studio: tenant.slug, replayed: results.length, failed, events: results };
        if (failed > 0) throw new PartialFailure(`${failed} event(s) failed again`, summary);
        return summary;
      } finally {
        mailer.close?.();
      }
    }),
};

export const STRIPE_COMMANDS: AdminCommand[] = [stripeReplay];

/**
 * Reconciliation: payments whose webhook never arrived. Every 15 minutes one queue message per active
 * studio with a Stripe account; its handler asks Stripe about each checkout session still open here
 * after 10 minutes. A paid one goes through the very path a webhook takes — a stored event
 * (`reconcile_<session>_completed`) processed by lib/stripe/events.ts — so it is recorded once,
 * whichever comes first; one Stripe expired is marked expired the same way.
 *
 * Key shape: none stored; queue messages are `{ type: "stripe.reconcile", tenantId }`.
 */
import { and, eq, lt } from "drizzle-orm";
import type Stripe from "stripe";
import { checkoutSessions } from "../../db/schema/mod.ts";
import { log } from "../http/logger.ts";
import type { Job, JobMessage } from "../jobs/jobs.ts";
import { listStripeAccounts } from "../kv/stripe_accounts.ts";
import { getTenant } from "../kv/tenants.ts";
import type { Tenancy } from "../tenancy/tenancy.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { getStripeAccount } from "./account_settings.ts";
import { STRIPE_API_VERSION } from "./client.ts";
import { eventNoticeSender } from "./event_notices.ts";
import { type NoticeSender, receiveEvent } from "./events.ts";
import type { Mailer } from "../mail/mailer.ts";

/** Sessions younger than this are left to their webhook. */
export const RECONCILE_AFTER_MS = 10 * 60_000;
export const RECONCILE_CRON = "*/15 * * * *";

export interface ReconcileResult {
  checked: number;
  completed: number;
  expired: number;
}

/** Asks Stripe about the studio's open checkout sessions older than 10 minutes and applies what it says. */
export async function reconcileStudio(
  db: TenantDb,
  stripe: Stripe,
  now = new Date(),
  notify?: NoticeSender,
): Promise<ReconcileResult> {
  const result: ReconcileResult = { checked: 0, completed: 0, expired: 0 };
  const { accountId } = await getStripeAccount(db);
  if (!accountId) return result;
  const open = await db.select().from(checkoutSessions).where(and(
    eq(checkoutSessions.status, "open"),
    lt(checkoutSessions.createdAt, new Date(now.getTime() - RECONCILE_AFTER_MS)),
  )).orderBy(checkoutSessions.createdAt).limit(500);
  for (const row of open) {
    result.checked++;
    const session = await stripe.checkout.sessions.retrieve(row.id, {}, { stripeAccount: accountId });
    const type = session.status === "complete" && session.payment_status === "paid"
      ? "checkout.session.completed"
      : session.status === "expired"
      ? "checkout.session.expired"
      : null;
    if (!type) continue;
    await receiveEvent(db, synthesizedEvent(type, session, accountId, now), { now, notify });
    if (type === "checkout.session.completed") result.completed++;
    else result.expired++;
  }
  return result;
}

/** An event as Stripe would have sent it; its id is fixed by the session, so it is stored once. */
function synthesizedEvent(
  type: "checkout.session.completed" | "checkout.session.expired",
  session: Stripe.Checkout.Session,
  account: string,
  now: Date,
): Stripe.Event {
  return {
    id: `reconcile_${session.id}_${type.split(".").pop()}`,
    object: "event",
    type,
    account,
    api_version: STRIPE_API_VERSION,
    created: Math.floor(now.getTime() / 1000),
    livemode: session.livemode,
    pending_webhooks: 0,
    request: { id: null, idempotency_key: null },
    data: { object: session },
  } as unknown as Stripe.Event;
}

export interface ReconcileMessage {
  type: "stripe.reconcile";
  tenantId: string;
}

export interface ReconcileDeps {
  kv: Deno.Kv;
  tenancy: Tenancy;
  stripe: Stripe;
  mailer: Mailer;
}

/** Enqueues one reconciliation per active studio with a Stripe account; returns how many. */
export async function enqueueReconciliations(kv: Deno.Kv): Promise<number> {
  const tenantIds = new Set((await listStripeAccounts(kv)).map((a) => a.tenantId));
  let count = 0;
  for (const tenantId of tenantIds) {
    const tenant = await getTenant(kv, tenantId);
    if (tenant?.status !== "active") continue;
    await kv.enqueue({ type: "stripe.reconcile", tenantId } satisfies ReconcileMessage);
    count++;
  }
  return count;
}

export function isReconcileMessage(message: JobMessage): message is ReconcileMessage {
  return message.type === "stripe.reconcile" && typeof (message as ReconcileMessage).tenantId === "string";
}

export async function handleReconcileMessage(
  deps: ReconcileDeps,
  message: ReconcileMessage,
  now = new Date(),
): Promise<ReconcileResult | null> {
  const tenant = await getTenant(deps.kv, message.tenantId);
  if (!tenant || tenant.status !== "active") return null;
  const result = await deps.tenancy.pool.use(
    tenant.database,
    (db) => reconcileStudio(db, deps.stripe, now, eventNoticeSender(deps.mailer, db)),
  );
  if (result.completed + result.expired > 0) {
    log.info("stripe sessions reconciled", { tenant: tenant.slug, ...result });
  }
  return result;
}

/** The reconciliation as a background job (lib/jobs/jobs.ts); main.ts adds it when Stripe is configured. */
export function stripeReconciliationJob(deps: ReconcileDeps): Job<ReconcileMessage> {
  return {
    type: "stripe.reconcile",
    accepts: isReconcileMessage,
    handle: async (message) => {
      await handleReconcileMessage(deps, message);
    },
    cron: {
      name: "stripe reconciliation",
      schedule: RECONCILE_CRON,
      run: async () => {
        const count = await enqueueReconciliations(deps.kv);
        if (count > 0) log.info("stripe reconciliations queued", { studios: count });
      },
    },
  };
}

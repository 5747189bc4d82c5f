/**
 * Stripe events, verified by the webhook (or synthesized by reconciliation), are stored in the
 * studio's `stripe_events` before anything is done with them, then processed: in ONE transaction the
 * event row is locked, skipped if already processed, its effects applied and `processed_at` set — so
 * an event counts as handled exactly when its effects commit. A failure rolls the effects back,
 * counts the attempt with its error, and is rethrown (the webhook answers 500, Stripe retries, and
 * `deno task admin stripe:replay` can run it again). Every effect is idempotent and tolerant of
 * order: payments and refunds are keyed by Stripe's ids (unique `payments.external_id`).
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import type Stripe from "stripe";
import { billingDocuments, checkoutSessions, stripeEvents } from "../../db/schema/mod.ts";
import type { Tx } from "../billing/documents.ts";
import { NotFoundError } from "../errors.ts";
import { depositPaid } from "../portal/deposit_paid.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { setChargesEnabled } from "./account_settings.ts";
import { paymentByExternalId, recordStripePayment, recordStripeRefund, STRIPE_ACTOR } from "./ledger.ts";

export type StoredEvent = typeof stripeEvents.$inferSelect;

/** Mail an event's effects call for, sent only once they have committed (lib/stripe/event_notices.ts). */
export type EventNotice =
  | { kind: "payment_received"; paymentId: string }
  | { kind: "booking_confirmed"; bookingId: string };

/** What one event type does, inside the transaction that marks the event processed. */
export type EventEffect = (tx: Tx, event: Stripe.Event, now: Date) => Promise<EventNotice[] | void>;
export type EventEffects = Readonly<Record<string, EventEffect>>;

export type ProcessOutcome = "processed" | "already_processed";

/** Stores a verified event; false when it was already stored (a duplicate delivery). */
export async function storeEvent(db: TenantDb, event: Stripe.Event, now = new Date()): Promise<boolean> {
  const inserted = await db.insert(stripeEvents).values({
    id: event.id,
    type: event.type,
    account: event.account ?? null,
    createdAt: new Date(event.created * 1000),
    receivedAt: now,
    payload: event,
  }).onConflictDoNothing().returning({ id: stripeEvents.id });
  return inserted.length > 0;
}

/** Sends what an event's committed effects call for; its failures are its own to log. */
export type NoticeSender = (notices: EventNotice[]) => Promise<void>;

/**
 * Applies a stored event's effects once, then hands their notices to `notify`. Throws when the
 * effects fail (after recording the attempt) and NotFoundError when no such event is stored.
 */
export async function processEvent(
  db: TenantDb,
  eventId: string,
  options: { effects?: EventEffects; now?: Date; notify?: NoticeSender } = {},
): Promise<ProcessOutcome> {
  const { effects = EVENT_EFFECTS, now = new Date() } = options;
  const notices: EventNotice[] = [];
  try {
    const outcome = await db.transaction(async (tx) => {
      const [row] = await tx.select().from(stripeEvents).where(eq(stripeEvents.id, eventId)).for("update");
      if (!row) throw new NotFoundError(`No stored Stripe event ${eventId}.`);
      if (row.processedAt) return "already_processed";
      const effect = Object.hasOwn(effects, row.type) ? effects[row.type] : undefined;
      // Types we do not act on (payment_intent.succeeded, charge.succeeded…) are kept, marked processed.
      if (effect) notices.push(...(await effect(tx, row.payload as Stripe.Event, now) ?? []));
      await tx.update(stripeEvents).set({ processedAt: now, attempts: row.attempts + 1, lastError: null })
        .where(eq(stripeEvents.id, eventId));
      return "processed" as const;
    });
    if (notices.length && options.notify) await options.notify(notices);
    return outcome;
  } catch (err) {
    if (err instanceof NotFoundError) throw err;
    // The deepest cause says what went wrong (the database's own error under the query wrapper's).
    let root = err;
    while (root instanceof Error && root.cause instanceof Error) root = root.cause;
    const message = root instanceof Error ? `${root.name}: ${root.message}` : String(root);
    await db.update(stripeEvents).set({
      attempts: sql`${stripeEvents.attempts} + 1`,
      lastError: message.slice(0, 2000),
    }).where(and(eq(stripeEvents.id, eventId), isNull(stripeEvents.processedAt)));
    throw err;
  }
}

/** Stores then processes: what the webhook and reconciliation do with each event. */
export async function receiveEvent(
  db: TenantDb,
  event: Stripe.Event,
  options: { effects?: EventEffects; now?: Date; notify?: NoticeSender } = {},
): Promise<ProcessOutcome> {
  const now = options.now ?? new Date();
  await storeEvent(db, event, now);
  return await processEvent(db, event.id, { ...options, now });
}

/** Stored events, oldest first: one by id, or those not processed yet (what replay runs). */
export async function storedEvents(
  db: TenantDb,
  filter: { eventId?: string; unprocessed?: boolean; limit?: number },
): Promise<StoredEvent[]> {
  return await db.select().from(stripeEvents).where(and(
    filter.eventId ? eq(stripeEvents.id, filter.eventId) : undefined,
    filter.unprocessed ? isNull(stripeEvents.processedAt) : undefined,
  )).orderBy(stripeEvents.createdAt, stripeEvents.receivedAt).limit(filter.limit ?? 1000);
}

const idOf = (value: string | { id: string } | null | undefined) =>
  typeof value === "string" ? value : value?.id ?? null;

/**
 * A paid checkout session: the payment against its document (once: keyed by the payment intent),
 * the session marked complete and, for a deposit, the booking it secures confirmed.
 */
async function checkoutPaid(tx: Tx, event: Stripe.Event, now: Date): Promise<EventNotice[]> {
  const session = event.data.object as Stripe.Checkout.Session;
  // `completed` with an unpaid bank debit: `async_payment_succeeded` follows when the money lands.
  if (session.payment_status !== "paid") return [];
  const [row] = await tx.select().from(checkoutSessions).where(eq(checkoutSessions.id, session.id))
    .for("update");
  if (!row) {
    const documentId = session.metadata?.documentId;
    const [doc] = documentId
      ? await tx.select({ id: billingDocuments.id }).from(billingDocuments)
        .where(eq(billingDocuments.id, documentId))
      : [];
    // Ours, but its row is not committed yet: fail so Stripe delivers again (or replay runs it).
    if (doc) throw new Error(`Checkout session ${session.id} is not recorded yet.`);
    return [];
  }
  if (row.status === "complete") return [];
  const externalId = idOf(session.payment_intent) ?? session.id;
  const payment = await recordStripePayment(tx, {
    documentId: row.documentId,
    amount: session.amount_total ?? row.amount,
    currency: session.currency ?? row.currency,
    externalId,
    paidAt: new Date(event.created * 1000),
    reference: `Stripe ${externalId}`,
  });
  await tx.update(checkoutSessions).set({ status: "complete", completedAt: now, paymentIntentId: externalId })
    .where(eq(checkoutSessions.id, row.id));
  const notices: EventNotice[] = payment ? [{ kind: "payment_received", paymentId: payment.id }] : [];
  if (
    row.purpose === "deposit" && row.bookingId && await depositPaid(tx, row.bookingId, now) === "confirmed"
  ) {
    notices.push({ kind: "booking_confirmed", bookingId: row.bookingId });
  }
  return notices;
}

async function checkoutExpired(tx: Tx, event: Stripe.Event): Promise<void> {
  const session = event.data.object as Stripe.Checkout.Session;
  await tx.update(checkoutSessions).set({ status: "expired" })
    .where(and(eq(checkoutSessions.id, session.id), eq(checkoutSessions.status, "open")));
}

/** A refund made at Stripe (by us, from the dashboard, or a dispute's): recorded once, by its id. */
async function refunded(tx: Tx, refund: Stripe.Refund): Promise<void> {
  if (refund.status === "failed" || refund.status === "canceled") return;
  if (await paymentByExternalId(tx, refund.id)) return;
  const paymentIntent = idOf(refund.payment_intent);
  const original = paymentIntent ? await paymentByExternalId(tx, paymentIntent) : null;
  if (!original) {
    // Before its payment's event? Only an open checkout can still turn out to be that payment.
    const [open] = await tx.select({ id: checkoutSessions.id }).from(checkoutSessions)
      .where(eq(checkoutSessions.status, "open")).limit(1);
    if (open) throw new Error(`Refund ${refund.id}: its payment ${paymentIntent} is not recorded yet.`);
    return;
  }
  await recordStripeRefund(tx, {
    original,
    amount: refund.amount,
    refundId: refund.id,
    refundedAt: new Date(refund.created * 1000),
    note: refund.reason ? `Stripe: ${refund.reason}` : null,
  });
}

async function chargeRefunded(tx: Tx, event: Stripe.Event): Promise<void> {
  const charge = event.data.object as Stripe.Charge;
  // Recent API versions leave the refunds out of the charge; refund.created carries each then.
  for (const refund of charge.refunds?.data ?? []) await refunded(tx, refund);
}

async function accountUpdated(tx: Tx, event: Stripe.Event): Promise<void> {
  const account = event.data.object as Stripe.Account;
  await setChargesEnabled(tx, account.id, account.charges_enabled === true, STRIPE_ACTOR);
}

/** The event types acted on; every other type is stored and marked processed with no effect. */
export const EVENT_EFFECTS: EventEffects = {
  "checkout.session.completed": checkoutPaid,
  "checkout.session.async_payment_succeeded": checkoutPaid,
  "checkout.session.expired": checkoutExpired,
  "charge.refunded": chargeRefunded,
  "refund.created": (tx, event) => refunded(tx, event.data.object as Stripe.Refund),
  "refund.updated": (tx, event) => refunded(tx, event.data.object as Stripe.Refund),
  "charge.refund.updated": (tx, event) => refunded(tx, event.data.object as Stripe.Refund),
  "account.updated": accountUpdated,
};

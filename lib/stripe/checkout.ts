/**
 * Stripe Checkout for a deposit invoice or an invoice balance, charged on the studio's connected
 * account. The session is remembered in `checkout_sessions` (status open) so the webhook can find
 * what it pays and the reconciliation job can ask Stripe about it if its event never arrives.
 */
import { and, count, desc, eq, gt } from "drizzle-orm";
import type Stripe from "stripe";
import { type CheckoutPurpose, checkoutSessions } from "../../db/schema/mod.ts";
import { balanceDue } from "../billing/balance.ts";
import { currencyExponent, formatAmount } from "../billing/currency.ts";
import { getDocument } from "../billing/documents.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { getStripeAccount } from "./account_settings.ts";

export type CheckoutSession = typeof checkoutSessions.$inferSelect;

export interface CheckoutInput {
  purpose: CheckoutPurpose;
  /** The issued invoice (purpose "invoice") or deposit invoice (purpose "deposit") paid. */
  documentId: string;
  /** The booking a deposit secures: paid, it is confirmed (lib/portal/deposit_paid.ts). */
  bookingId?: string | null;
  /** Minor units of `currency`; at most the balance due. */
  amount: number;
  currency: string;
  /** What the client sees on Stripe's page, e.g. "Deposit for Vocal recording, 12 June". */
  description: string;
  customerEmail?: string | null;
  successUrl: string;
  cancelUrl: string;
  /** The studio's connected account (it must be the studio's, able to take charges). */
  accountId: string;
  /** The studio (tenant id), stamped on the session so its events can be checked against it. */
  tenantId: string;
}

/** How long a session may be paid; Stripe's minimum is 30 minutes. */
export const CHECKOUT_TTL_MS = 60 * 60_000;
/** An open session younger than this is handed out again instead of opening another one. */
const REUSE_MS = CHECKOUT_TTL_MS - 10 * 60_000;

/**
 * Opens (or reuses) a Checkout session and returns where to send the client. Refused with a
 * ValidationError: amounts ≤ 0 or above the balance, another currency, a document that is not an
 * issued invoice or deposit invoice with a balance, a studio whose account cannot take charges.
 *
 * ```ts
 * const { url } = await startCheckout(db, stripe, { purpose: "invoice", documentId, amount: due,
 *   currency: "EUR", description: "Invoice F-2026-0012", successUrl, cancelUrl, accountId, tenantId });
 * ```
 */
export async function startCheckout(
  db: TenantDb,
  stripe: Stripe,
  input: CheckoutInput,
  now = new Date(),
): Promise<{ id: string; url: string }> {
  const account = await getStripeAccount(db);
  if (!account.accountId || account.accountId !== input.accountId || !account.chargesEnabled) {
    throw new ValidationError({ payment: "This studio cannot take payments online yet." });
  }
  const doc = await getDocument(db, input.documentId).catch((err) => {
    if (err instanceof NotFoundError) throw new ValidationError({ documentId: "No such invoice." });
    throw err;
  });
  const kind = input.purpose === "deposit" ? "deposit_invoice" : "invoice";
  if (doc.kind !== kind) {
    throw new ValidationError({
      documentId: input.purpose === "deposit"
        ? "A deposit is paid on a deposit invoice."
        : "Choose an invoice.",
    });
  }
  if (doc.status !== "issued" && doc.status !== "partially_paid") {
    throw new ValidationError({
      documentId: doc.status === "draft"
        ? "Issue the invoice before taking payment."
        : "Nothing is due on it.",
    });
  }
  if (input.purpose === "deposit" && !input.bookingId) {
    throw new ValidationError({ bookingId: "A deposit secures a booking: name it." });
  }
  const currency = input.currency.toUpperCase();
  if (currency !== doc.currency) {
    throw new ValidationError({ currency: `The invoice is in ${doc.currency}.` });
  }
  const due = balanceDue(doc);
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0) {
    throw new ValidationError({ amount: "Enter an amount above zero." });
  }
  if (input.amount > due) {
    throw new ValidationError({
      amount: due <= 0 ? "Nothing is due on it." : `At most ${formatAmount(due, currency, "en")} is due.`,
    });
  }
  // Stripe counts three-decimal currencies in thousandths but charges only whole hundredths.
  if (currencyExponent(currency) === 3 && input.amount % 10 !== 0) {
    throw new ValidationError({ amount: `Stripe takes ${currency} amounts in steps of 0.010.` });
  }
  const description = input.description.trim().slice(0, 250) || `Invoice ${doc.number ?? ""}`.trim();

  const [open] = await db.select().from(checkoutSessions).where(and(
    eq(checkoutSessions.documentId, doc.id),
    eq(checkoutSessions.purpose, input.purpose),
    eq(checkoutSessions.amount, input.amount),
    eq(checkoutSessions.status, "open"),
    gt(checkoutSessions.createdAt, new Date(now.getTime() - REUSE_MS)),
  )).orderBy(desc(checkoutSessions.createdAt)).limit(1);
  if (open?.url) return { id: open.id, url: open.url };

  // Two clicks at once make the same key, so Stripe answers both with one session.
  const [{ n }] = await db.select({ n: count() }).from(checkoutSessions)
    .where(eq(checkoutSessions.documentId, doc.id));
  const metadata: Record<string, string> = {
    documentId: doc.id,
    purpose: input.purpose,
    tenant: input.tenantId,
    ...(input.bookingId ? { bookingId: input.bookingId } : {}),
  };
  const session = await stripe.checkout.sessions.create({
    mode: "payment",
    line_items: [{
      quantity: 1,
      price_data: {
        currency: currency.toLowerCase(),
        unit_amount: input.amount,
        product_data: { name: description },
      },
    }],
    ...(input.customerEmail ? { customer_email: input.customerEmail } : {}),
    client_reference_id: doc.id,
    success_url: input.successUrl,
    cancel_url: input.cancelUrl,
    expires_at: Math.floor((now.getTime() + CHECKOUT_TTL_MS) / 1000),
    metadata,
    payment_intent_data: { metadata, description },
  }, {
    stripeAccount: input.accountId,
    idempotencyKey: `checkout-${doc.id}-${input.purpose}-${input.amount}-${n}`,
  });
  if (!session.url) throw new Error(`Stripe opened checkout session ${session.id} without a URL.`);
  await db.insert(checkoutSessions).values({
    id: session.id,
    purpose: input.purpose,
    documentId: doc.id,
    bookingId: input.bookingId ?? null,
    amount: input.amount,
    currency,
    status: "open",
    url: session.url,
    createdAt: now,
  }).onConflictDoNothing();
  return { id: session.id, url: session.url };
}

/** The checkout sessions opened for a document, newest first. */
export async function checkoutSessionsOf(db: TenantDb, documentId: string): Promise<CheckoutSession[]> {
  return await db.select().from(checkoutSessions).where(eq(checkoutSessions.documentId, documentId))
    .orderBy(desc(checkoutSessions.createdAt));
}

/**
 * Staff decide on bookings made in the portal that wait for them: requests taken while the studio
 * does not take payments online, and bookings of offers that require approval (paid or not). A
 * request is a `hold` booking whose `portal_bookings.state` is `awaiting_approval`; approving
 * confirms it, declining cancels it, credits its deposit invoice and refunds what was paid online.
 * Each decision is one transaction (its audit row is the booking's own transition); the client's
 * e-mail goes out after it commits.
 *
 * ```ts
 * const queue = await pendingPortalRequests(db);
 * await approvePortalBooking(db, queue[0].bookingId, actingAs(ctx), { mailer });
 * await declinePortalBooking(db, id, "The room is closed for works that week.", acting, { mailer, online });
 * ```
 */
import { and, asc, count, eq, gt, inArray, max, min } from "drizzle-orm";
import {
  billingDocuments,
  bookingBlocks,
  bookingOffers,
  bookings,
  clients,
  portalBookings,
  rooms,
} from "../../db/schema/mod.ts";
import type { ActingAs } from "../audit/audit.ts";
import { createCreditNote, issueCreditNote } from "../billing/credit_notes.ts";
import { getIssuer } from "../billing/settings.ts";
import { ConflictError, NotFoundError, ValidationError } from "../errors.ts";
import { log } from "../http/logger.ts";
import { createTranslator, formatMoney } from "../i18n/mod.ts";
import type { Mailer } from "../mail/mailer.ts";
import { notifyBooking } from "../notifications/booking_notices.ts";
import { recipientOf } from "../notifications/recipient.ts";
import { applyTransition, lockBooking } from "../scheduling/bookings.ts";
import { releaseExpiredHolds, type Tx } from "../scheduling/booking_rows.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { refundDeposit } from "./cancel.ts";
import type { OnlinePayments } from "./online_payments.ts";

/** A booking made online that waits for staff, as the queue shows it. */
export interface PortalRequest {
  bookingId: string;
  /** When the client booked: the queue is oldest first. */
  requestedAt: Date;
  client: { id: string; name: string; email: string | null } | null;
  /** What the visitor typed when booking. */
  contact: { name: string; email: string; phone: string | null };
  offer: { id: string; name: string };
  room: string;
  start: Date;
  end: Date;
  price: number;
  deposit: number;
  currency: string;
  /** Paid so far on the deposit invoice (minor units); 0 without one. */
  paid: number;
}

const waiting = (now: Date) =>
  and(
    eq(portalBookings.state, "awaiting_approval"),
    eq(bookings.status, "hold"),
    gt(bookings.holdExpiresAt, now),
  );

/** Bookings made online that wait for staff to approve or decline them, oldest request first. */
export async function pendingPortalRequests(db: TenantDb, now = new Date()): Promise<PortalRequest[]> {
  const rows = await db.select({
    bookingId: portalBookings.bookingId,
    requestedAt: portalBookings.createdAt,
    clientId: clients.id,
    clientName: clients.name,
    clientEmail: clients.email,
    contactName: portalBookings.contactName,
    contactEmail: portalBookings.contactEmail,
    contactPhone: portalBookings.contactPhone,
    offerId: bookingOffers.id,
    offerName: bookingOffers.name,
    room: rooms.name,
    price: portalBookings.price,
    deposit: portalBookings.deposit,
    currency: portalBookings.currency,
    paid: billingDocuments.amountPaid,
  }).from(portalBookings)
    .innerJoin(bookings, eq(bookings.id, portalBookings.bookingId))
    .innerJoin(bookingOffers, eq(bookingOffers.id, portalBookings.offerId))
    .innerJoin(rooms, eq(rooms.id, bookings.roomId))
    .leftJoin(clients, eq(clients.id, bookings.clientId))
    .leftJoin(billingDocuments, eq(billingDocuments.id, portalBookings.depositDocumentId))
    .where(waiting(now))
    .orderBy(asc(portalBookings.createdAt), asc(portalBookings.bookingId));
  if (rows.length === 0) return [];
  const spans = await db.select({
    bookingId: bookingBlocks.bookingId,
    start: min(bookingBlocks.startsAt),
    end: max(bookingBlocks.endsAt),
  }).from(bookingBlocks).where(inArray(bookingBlocks.bookingId, rows.map((r) => r.bookingId)))
    .groupBy(bookingBlocks.bookingId);
  const spanOf = new Map(spans.map((s) => [s.bookingId, s]));
  return rows.map((r) => ({
    bookingId: r.bookingId,
    requestedAt: r.requestedAt,
    client: r.clientId ? { id: r.clientId, name: r.clientName!, email: r.clientEmail } : null,
    contact: { name: r.contactName, email: r.contactEmail, phone: r.contactPhone },
    offer: { id: r.offerId, name: r.offerName },
    room: r.room,
    start: spanOf.get(r.bookingId)!.start!,
    end: spanOf.get(r.bookingId)!.end!,
    price: r.price,
    deposit: r.deposit,
    currency: r.currency,
    paid: r.paid ?? 0,
  }));
}

/** How many requests wait for staff: the count beside the link on the sessions page. */
export async function countPortalRequests(db: TenantDb, now = new Date()): Promise<number> {
  const [row] = await db.select({ n: count() }).from(portalBookings)
    .innerJoin(bookings, eq(bookings.id, portalBookings.bookingId))
    .where(waiting(now));
  return row?.n ?? 0;
}

export interface DecisionOptions {
  /** Where the client's e-mail goes out, after the decision committed. */
  mailer: Mailer;
  now?: Date;
  /** The client's page for the booking in the portal, shown as the e-mail's button. */
  link?: string;
}

/** Locks a request and its booking, refusing anything that no longer waits for staff. */
async function lockRequest(tx: Tx, bookingId: string) {
  const [terms] = await tx.select().from(portalBookings).where(eq(portalBookings.bookingId, bookingId))
    .for("update");
  if (!terms) throw new NotFoundError("No such booking request.");
  const booking = await lockBooking(tx, bookingId);
  if (terms.state !== "awaiting_approval" || booking.status !== "hold") {
    throw new ConflictError(
      booking.status === "expired"
        ? "This request lapsed: its session has started or its hold ran out."
        : "This request was already decided. Reload to see the queue as it is now.",
    );
  }
  return { terms, booking };
}

/**
 * Approves a request: hold → confirmed (portal state follows, lib/scheduling/booking_rows.ts), then
 * e-mails the client that the session is confirmed. Resolves whether the e-mail went out.
 */
export async function approvePortalBooking(
  db: TenantDb,
  bookingId: string,
  acting: ActingAs,
  options: DecisionOptions,
): Promise<{ mailed: boolean }> {
  const now = options.now ?? new Date();
  // Lapsed holds expire in their own transaction, so a refused decision still leaves them expired.
  await db.transaction((tx) => releaseExpiredHolds(tx, now));
  await db.transaction(async (tx) => {
    const { booking } = await lockRequest(tx, bookingId);
    await applyTransition(tx, booking, "confirm", acting, now);
  });
  const mailed = await mailSafely(
    () => notifyBooking(options.mailer, db, bookingId, "confirmed", { link: options.link }),
  );
  return { mailed };
}

export interface DeclineOptions extends DecisionOptions {
  /** The studio's Stripe, when it takes payments online: a paid deposit is refunded through it. */
  online: OnlinePayments | null;
}

export interface Declined {
  /** What the client had paid on the deposit invoice, and what of it went back through Stripe. */
  paid: number;
  refunded: number;
  currency: string;
  mailed: boolean;
}

/**
 * Declines a request: the booking is cancelled with the reason, its portal state `cancelled` with
 * the outcome recorded, and its deposit invoice (if any) credited in full — one transaction. Then
 * what the client paid online is refunded in full through Stripe (as lib/portal/cancel.ts does),
 * and the client is e-mailed the reason and what happens to their money. A refund Stripe refuses
 * is logged and leaves the money as the client's credit for staff to pay back.
 */
export async function declinePortalBooking(
  db: TenantDb,
  bookingId: string,
  reason: string,
  acting: ActingAs,
  options: DeclineOptions,
): Promise<Declined> {
  const why = reason.trim();
  if (!why) throw new ValidationError({ reason: "Tell the client why the studio declines the booking." });
  if (why.length > 500) throw new ValidationError({ reason: "At most 500 characters." });
  const now = options.now ?? new Date();
  await db.transaction((tx) => releaseExpiredHolds(tx, now));
  const { terms, paid } = await db.transaction(async (tx) => {
    const { terms, booking } = await lockRequest(tx, bookingId);
    const [deposit] = terms.depositDocumentId
      ? await tx.select().from(billingDocuments).where(eq(billingDocuments.id, terms.depositDocumentId))
      : [];
    const paid = deposit?.amountPaid ?? 0;
    await applyTransition(tx, booking, "cancel", acting, now, `Declined: ${why}`);
    await tx.update(portalBookings).set({
      cancellation: {
        outcome: "full_refund",
        refund: paid,
        kept: 0,
        due: 0,
        paid,
        declined: true,
        reason: why,
        at: now.toISOString(),
      },
      updatedAt: now,
    }).where(eq(portalBookings.bookingId, bookingId));
    if (deposit && ["issued", "partially_paid", "paid"].includes(deposit.status)) {
      const note = await createCreditNote(tx, deposit.id, {
        lines: "all",
        reason: `Booking request declined by the studio: ${why}`,
      }, acting);
      await issueCreditNote(tx, note.id, note.version, acting, { now });
    }
    return { terms, paid };
  });
  let refunded = 0;
  if (paid > 0 && terms.depositDocumentId) {
    if (options.online) {
      refunded = await refundDeposit(db, options.online, terms.depositDocumentId, paid, acting, now);
    } else {
      log.error("a declined booking's deposit was paid but payments are off; staff must refund it", {
        bookingId,
      });
    }
  }
  const mailed = await mailSafely(async () => {
    const outcome = await declineSentence(db, bookingId, why, { paid, refunded, currency: terms.currency });
    return await notifyBooking(options.mailer, db, bookingId, "cancelled", { outcome, link: options.link });
  });
  return { paid, refunded, currency: terms.currency, mailed };
}

/** The reason and what happens to the money, in the client's language. */
async function declineSentence(
  db: TenantDb,
  bookingId: string,
  reason: string,
  money: { paid: number; refunded: number; currency: string },
): Promise<string> {
  const [booking] = await db.select({ clientId: bookings.clientId }).from(bookings)
    .where(eq(bookings.id, bookingId));
  const issuer = await getIssuer(db);
  const locale = (await recipientOf(db, booking?.clientId, issuer.locale))?.locale ?? "en";
  const { t } = createTranslator(locale);
  const amount = (n: number) => formatMoney(n, money.currency, locale);
  const sentences = [t("portal_requests.mail.declined", { reason })];
  if (money.refunded > 0) {
    sentences.push(t("portal_requests.mail.refunded", { amount: amount(money.refunded) }));
  }
  if (money.paid > money.refunded) {
    sentences.push(t("portal_requests.mail.to_refund", { amount: amount(money.paid - money.refunded) }));
  }
  return sentences.join(" ");
}

/** A decision is saved whatever the relay says: a refused e-mail is logged, not an error page. */
async function mailSafely(send: () => Promise<boolean>): Promise<boolean> {
  try {
    return await send();
  } catch (error) {
    log.error("e-mailing the client about their booking request failed", { error });
    return false;
  }
}

/**
 * A client books an offer online (journey 15): the session is written as a hold with the portal's
 * terms (price, deposit and the policy the client read), and — when the studio takes payments online
 * and the policy asks for a deposit — a deposit invoice the client pays through Stripe Checkout.
 * Everything is one transaction; the database's exclusion constraints decide a race for the last
 * slot, and every loser gets the same 409 (never another client's details).
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { clients, portalBookings } from "../../db/schema/mod.ts";
import { type ActingAs, changedFields, recordAudit } from "../audit/audit.ts";
import { draftInputSchema } from "../billing/document_input.ts";
import { insertDraft } from "../billing/documents.ts";
import { issueDocument } from "../billing/issue.ts";
import { ClientInputError, parseClientSchema } from "../clients/client_input.ts";
import { ConflictError, NotFoundError } from "../errors.ts";
import { newId } from "../kv/ids.ts";
import { insertBooking } from "../scheduling/bookings.ts";
import { preparePlan, releaseExpiredHolds, type Tx } from "../scheduling/booking_rows.ts";
import { EXCLUSION_VIOLATION, pgError } from "../tenancy/pg_error.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { parseInput } from "../validation.ts";
import { clientIdForEmail, normalizeEmail } from "./accounts.ts";
import { type Offer, roomsFreeAt } from "./offer_slots.ts";
import { depositFor } from "./policy.ts";

/**
 * What a visitor types to book. Messages are ids (lib/i18n/messages/portal_en.ts): the API answers
 * with their English text, the portal shows them in the reader's language (ClientInputError).
 */
export const onlineBookingSchema = z.object({
  minutes: z.coerce.number("portal.error.length").int("portal.error.length").positive("portal.error.length"),
  start: z.iso.datetime({ offset: true, message: "portal.error.start" }).transform((s) => new Date(s)),
  name: z.string("portal.error.name").trim().min(1, "portal.error.name").max(200, "portal.error.too_long"),
  email: z.email("portal.error.email").max(254, "portal.error.too_long"),
  phone: z.string().trim().max(40, "portal.error.too_long").transform((s) => s || null),
  acceptPolicy: z.boolean("portal.error.accept_policy").refine(
    (accepted) => accepted,
    "portal.error.accept_policy",
  ),
});

export type OnlineBookingInput = z.input<typeof onlineBookingSchema>;

export interface OnlineBookingContext {
  now: Date;
  timeZone: string;
  minNoticeHours: number;
  horizonDays: number;
  holdMinutes: number;
  /** Whether the studio takes payments online (Stripe configured and its account able to charge). */
  paymentsOn: boolean;
  /** The signed-in portal client, whose record the booking is for. */
  signedIn?: { clientId: string; accountId: string };
}

export interface OnlineBooking {
  bookingId: string;
  state: typeof portalBookings.$inferSelect.state;
  price: number;
  deposit: number;
  currency: string;
  depositDocumentId: string | null;
}

export const MAX_HOLD_MINUTES = 60 * 24 * 14;
const TAKEN = "Someone booked this time a moment ago. Choose another time.";

export async function bookOnline(
  db: TenantDb,
  offer: Offer,
  input: OnlineBookingInput,
  context: OnlineBookingContext,
): Promise<OnlineBooking> {
  const data = parseClientSchema(onlineBookingSchema, input);
  if (!offer.active) throw new NotFoundError("This offer is no longer available.");
  const duration = offer.durations.find((d) => d.minutes === data.minutes);
  if (!duration) throw new ClientInputError({ minutes: { id: "portal.error.length" } });
  const end = new Date(data.start.getTime() + data.minutes * 60_000);
  const rooms = await roomsFreeAt(db, offer, data.start, { ...context, minutes: data.minutes });
  if (rooms.length === 0) throw new ConflictError(TAKEN);

  const deposit = context.paymentsOn ? depositFor(offer.policy, duration.price, offer.currency) : 0;
  const state = deposit > 0
    ? "awaiting_payment" as const
    : !context.paymentsOn || offer.requiresApproval
    ? "awaiting_approval" as const
    : "confirmed" as const;
  // A request waits for staff until the session starts (the hold can last two weeks at most).
  const holdMinutes = state === "awaiting_payment" ? context.holdMinutes : Math.max(
    5,
    Math.min(MAX_HOLD_MINUTES, Math.floor((data.start.getTime() - context.now.getTime()) / 60_000)),
  );
  const bookingId = newId("bkg");
  const email = normalizeEmail(data.email);

  return await db.transaction(async (tx) => {
    await releaseExpiredHolds(tx, context.now);
    const clientId = context.signedIn?.clientId ?? await clientIdForEmail(tx, email) ??
      await insertGuestClient(tx, data.name, email, data.phone, context.now);
    const acting: ActingAs = { actor: { type: "client", id: clientId, label: email } };
    const draft = {
      clientId,
      title: offer.name,
      status: state === "confirmed" ? "confirmed" as const : "hold" as const,
      holdMinutes,
      blocks: [{ start: data.start, end }],
      engineerIds: offer.engineerId ? [offer.engineerId] : [],
      gear: [],
      notes: data.phone
        ? `Booked online by ${data.name} (${email}, ${data.phone})`
        : `Booked online by ${data.name} (${email})`,
      source: "portal" as const,
    };
    await takeFirstFreeRoom(tx, rooms, async (roomId) => {
      const plan = { ...draft, roomId };
      await insertBooking(tx, bookingId, plan, await preparePlan(tx, plan), acting, context.now);
    });
    await tx.insert(portalBookings).values({
      bookingId,
      offerId: offer.id,
      accountId: context.signedIn?.accountId ?? null,
      durationMinutes: data.minutes,
      price: duration.price,
      deposit,
      currency: offer.currency,
      policy: offer.policy,
      state,
      contactName: data.name,
      contactEmail: email,
      contactPhone: data.phone,
      createdAt: context.now,
      updatedAt: context.now,
    });
    let depositDocumentId: string | null = null;
    if (state === "awaiting_payment") {
      const draftInvoice = await insertDraft(
        tx,
        "deposit_invoice",
        parseInput(draftInputSchema, {
          clientId,
          title: `Deposit — ${offer.name}`,
          currency: offer.currency,
          lines: [{
            description: `Deposit for ${offer.name}`,
            quantity: "1",
            unitPrice: deposit,
            bookingId,
            startsAt: data.start,
            endsAt: end,
          }],
        }),
        acting,
      );
      const issued = await issueDocument(tx, draftInvoice.id, draftInvoice.version, acting, {
        now: context.now,
      });
      depositDocumentId = issued.id;
      await tx.update(portalBookings).set({ depositDocumentId }).where(
        eq(portalBookings.bookingId, bookingId),
      );
    }
    return { bookingId, state, price: duration.price, deposit, currency: offer.currency, depositDocumentId };
  }).catch((err) => {
    if (pgError(err)?.code === EXCLUSION_VIOLATION) throw new ConflictError(TAKEN);
    throw err;
  });
}

/** Books the first room that is still free when written; each attempt is a savepoint. */
async function takeFirstFreeRoom(tx: Tx, rooms: string[], write: (roomId: string) => Promise<void>) {
  for (const [i, roomId] of rooms.entries()) {
    try {
      return await tx.transaction(() => write(roomId));
    } catch (err) {
      if (pgError(err)?.code !== EXCLUSION_VIOLATION || i === rooms.length - 1) throw err;
    }
  }
}

/** A visitor we have never seen: a new client record staff can merge or complete later. */
async function insertGuestClient(tx: Tx, name: string, email: string, phone: string | null, now: Date) {
  const id = newId("cli");
  await tx.insert(clients).values({ id, kind: "person", name, email, phone, createdAt: now, updatedAt: now });
  await recordAudit(tx, {
    actor: { type: "client", id, label: email },
    action: "client.created",
    entity: { type: "client", id },
    changes: changedFields(null, { name, email, phone, source: "online booking" }),
  });
  return id;
}

/**
 * Bookable offers: what clients can book on the studio's public page ("Vocal recording, 4 h, with
 * engineer"): a room or a group of rooms, an optional engineer, the lengths on offer with their
 * prices, and the booking policy (lib/portal/policy.ts). Staff write them on /app/settings/offers.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { bookingOffers, engineers, rooms } from "../../db/schema/mod.ts";
import { type ActingAs, changedFields, recordAudit } from "../audit/audit.ts";
import { isActiveCurrency } from "../billing/currency.ts";
import type { Db } from "../billing/documents.ts";
import { getIssuer } from "../billing/settings.ts";
import { ConflictError, NotFoundError, ValidationError } from "../errors.ts";
import { newId } from "../kv/ids.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { fieldErrors } from "../validation.ts";
import type { Offer } from "./offer_slots.ts";
import { bookingPolicySchema } from "./policy.ts";

export type { Offer };

export const MAX_DURATIONS = 8;
export const MAX_ROOMS = 20;

const duration = z.object({
  minutes: z.number({ error: "Enter the length in minutes." })
    .int("Enter the length in whole minutes.")
    .min(30, "A session lasts at least 30 minutes.")
    .max(1440, "A session lasts at most 24 hours (1440 minutes).")
    .refine((m) => m % 15 === 0, "Give the length in steps of 15 minutes."),
  price: z.number({ error: "Enter the price." })
    .int("Enter the price in whole minor units.")
    .min(0, "A price cannot be negative.")
    .max(Number.MAX_SAFE_INTEGER, "This price is too large."),
});

const optionalText = (max: number, what: string) =>
  z.string().trim().max(max, `Keep the ${what} under ${max} characters.`).nullish()
    .transform((text) => text || null);

/** An offer as the settings form and the API send it; error paths name the fields. */
export const offerInputSchema = z.object({
  name: z.string({ error: "Enter a name." }).trim()
    .min(1, "Enter a name.")
    .max(120, "Keep the name under 120 characters."),
  description: optionalText(2000, "description"),
  roomIds: z.array(z.string().min(1))
    .min(1, "Choose at least one room.")
    .max(MAX_ROOMS, `Choose at most ${MAX_ROOMS} rooms.`)
    .refine((ids) => new Set(ids).size === ids.length, "Choose each room once."),
  engineerId: z.string().trim().nullish().transform((id) => id || null),
  durations: z.array(duration)
    .min(1, "Give at least one length and its price.")
    .max(MAX_DURATIONS, `Give at most ${MAX_DURATIONS} lengths.`)
    .superRefine((list, ctx) => {
      list.forEach((d, i) => {
        if (list.findIndex((other) => other.minutes === d.minutes) < i) {
          ctx.addIssue({ code: "custom", path: [i, "minutes"], message: "This length is already listed." });
        }
      });
    }),
  /** ISO 4217; the studio's currency when absent. */
  currency: z.string().trim().toUpperCase()
    .refine(isActiveCurrency, "Choose an ISO 4217 currency, such as EUR.")
    .optional(),
  policy: bookingPolicySchema,
  requiresApproval: z.boolean().default(false),
  position: z.number().int("Enter the position as a whole number.").min(0).max(10_000).default(0),
});

export type OfferInput = z.input<typeof offerInputSchema>;
type OfferData = z.output<typeof offerInputSchema>;

/** The field → message map of everything wrong with `input` that needs no database, or {}. */
export function offerInputErrors(input: unknown): Record<string, string> {
  const parsed = offerInputSchema.safeParse(input);
  return parsed.success ? {} : fieldErrors(parsed.error);
}

function parseOffer(input: unknown): OfferData {
  const parsed = offerInputSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error));
  return parsed.data;
}

/** Offers in the order the booking page lists them: by position, then name. */
export async function listOffers(
  db: Pick<TenantDb, "select">,
  options: { activeOnly?: boolean } = {},
): Promise<Offer[]> {
  return await db.select().from(bookingOffers)
    .where(options.activeOnly ? eq(bookingOffers.active, true) : undefined)
    .orderBy(asc(bookingOffers.position), asc(bookingOffers.name), asc(bookingOffers.id));
}

/** The offer, or null when there is none with that id. */
export async function getOffer(db: Pick<TenantDb, "select">, id: string): Promise<Offer | null> {
  const [row] = await db.select().from(bookingOffers).where(eq(bookingOffers.id, id));
  return row ?? null;
}

/** Rooms must exist and be active; the engineer, when given, must exist. */
async function checkResources(tx: Db, data: OfferData): Promise<void> {
  const errors: Record<string, string> = {};
  const found = await tx.select({ id: rooms.id }).from(rooms)
    .where(and(inArray(rooms.id, data.roomIds), eq(rooms.active, true)));
  if (found.length !== data.roomIds.length) {
    errors.roomIds = "Choose rooms that exist and are not archived.";
  }
  if (data.engineerId) {
    const [engineer] = await tx.select({ id: engineers.id }).from(engineers)
      .where(eq(engineers.id, data.engineerId));
    if (!engineer) errors.engineerId = "Choose an engineer of the studio, or none.";
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
}

/** What the audit log keeps of an offer: what staff entered. */
const NOT_AUDITED = ["id", "version", "createdAt", "updatedAt"];

/**
 * Creates an offer, audited as `offer.created`, in one transaction. The currency is the studio's
 * unless `input.currency` says otherwise; prices are minor units of it.
 *
 * ```ts
 * await createOffer(db, { name: "Mix session", roomIds: [room.id], durations: [{ minutes: 240, price: 40_000 }],
 *   policy: DEFAULT_POLICY }, actingAs(ctx));
 * ```
 */
export async function createOffer(db: TenantDb, input: OfferInput, acting: ActingAs): Promise<Offer> {
  const data = parseOffer(input);
  return await db.transaction(async (tx) => {
    await checkResources(tx, data);
    const currency = data.currency ?? (await getIssuer(tx)).baseCurrency;
    const now = new Date();
    const [offer] = await tx.insert(bookingOffers)
      .values({ id: newId("off"), ...data, currency, createdAt: now, updatedAt: now })
      .returning();
    await recordAudit(tx, {
      ...acting,
      action: "offer.created",
      entity: { type: "booking_offer", id: offer.id },
      changes: changedFields(null, offer, NOT_AUDITED),
    });
    return offer;
  });
}

async function lockedOffer(tx: Db, id: string): Promise<Offer> {
  const [row] = await tx.select().from(bookingOffers).where(eq(bookingOffers.id, id)).for("update");
  if (!row) throw new NotFoundError("No offer with this id.");
  return row;
}

/**
 * Replaces an offer's details with `input`, audited as `offer.updated` with what changed. `version`
 * is the one the editor started from: an offer saved by someone else since is a ConflictError.
 * Bookings already made keep the price and policy they were made under (portal_bookings).
 */
export async function updateOffer(
  db: TenantDb,
  id: string,
  version: number,
  input: OfferInput,
  acting: ActingAs,
): Promise<Offer> {
  const data = parseOffer(input);
  return await db.transaction(async (tx) => {
    const before = await lockedOffer(tx, id);
    if (before.version !== version) {
      throw new ConflictError(
        "Someone else changed this offer since you opened it. Check it and save again.",
      );
    }
    await checkResources(tx, data);
    const [offer] = await tx.update(bookingOffers)
      .set({
        ...data,
        currency: data.currency ?? before.currency,
        version: before.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(bookingOffers.id, id))
      .returning();
    await recordAudit(tx, {
      ...acting,
      action: "offer.updated",
      entity: { type: "booking_offer", id },
      changes: changedFields(before, offer, NOT_AUDITED),
    });
    return offer;
  });
}

/**
 * Takes an offer off the booking page (`active` false) or puts it back, audited as
 * `offer.deactivated` / `offer.activated`. Bookings already made are not touched. Doing what is
 * already done changes nothing and writes no audit row.
 */
export async function setOfferActive(
  db: TenantDb,
  id: string,
  active: boolean,
  acting: ActingAs,
): Promise<Offer> {
  return await db.transaction(async (tx) => {
    const before = await lockedOffer(tx, id);
    if (before.active === active) return before;
    const [offer] = await tx.update(bookingOffers).set({ active, updatedAt: new Date() })
      .where(eq(bookingOffers.id, id))
      .returning();
    await recordAudit(tx, {
      ...acting,
      action: active ? "offer.activated" : "offer.deactivated",
      entity: { type: "booking_offer", id },
      changes: { active: { before: before.active, after: active } },
    });
    return offer;
  });
}

import { sql } from "drizzle-orm";
import {
  boolean,
  char,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { billingDocuments, money } from "./billing.ts";
import { bookings } from "./bookings.ts";
import { clients } from "./clients.ts";
import { engineers } from "./resources.ts";

/** What happens to the money when a client cancels this long (or longer) before the start. */
export type CancellationOutcome = "full_refund" | "deposit_kept" | "full_charge";

/**
 * A studio's booking rules for one offer (lib/portal/policy.ts applies them). Amounts are minor units
 * in the offer's currency; percentages are basis points (2500 = 25 %) so they stay exact.
 */
export interface BookingPolicy {
  deposit: {
    rule: "none" | "percent" | "flat" | "greater";
    percentBp: number;
    flatAmount: number;
  };
  /** Windows by notice, longest first; a cancellation with less notice than every window is the last. */
  cancellation: { minHoursBefore: number; outcome: CancellationOutcome }[];
  /** How many times a paid deposit may move to a rescheduled session. */
  maxTransfers: number;
  /** A reschedule keeps the deposit only with at least this much notice. */
  rescheduleMinHours: number;
}

/** One length a client may book an offer for, and its price (minor units). */
export interface OfferDuration {
  minutes: number;
  price: number;
}

/** The studio's portal: one row, id 1, absent until saved (lib/portal/settings.ts has the defaults). */
export const portalSettings = pgTable("portal_settings", {
  id: integer("id").primaryKey().default(1),
  /** Whether the public booking page takes bookings. */
  bookingEnabled: boolean("booking_enabled").notNull().default(true),
  /** Brand colours as #rrggbb; the logo is billing_settings' logo. */
  brandColor: text("brand_color").notNull().default("#4338ca"),
  accentColor: text("accent_color").notNull().default("#0f766e"),
  welcomeText: text("welcome_text"),
  /** The earliest a client may book, in hours from now, and how far ahead. */
  minNoticeHours: integer("min_notice_hours").notNull().default(24),
  horizonDays: integer("horizon_days").notNull().default(60),
  /** How long an unpaid or unconfirmed portal booking holds its slot. */
  holdMinutes: integer("hold_minutes").notNull().default(30),
  /** How long before a confirmed session its client is reminded by e-mail. */
  reminderLeadHours: integer("reminder_lead_hours").notNull().default(24),
  /** Stripe Connect account the studio is paid into, and whether it can take charges yet. */
  stripeAccountId: text("stripe_account_id"),
  stripeChargesEnabled: boolean("stripe_charges_enabled").notNull().default(false),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (table) => [
  check("portal_settings_single_row", sql`${table.id} = 1`),
  check(
    "portal_settings_colors_check",
    sql`${table.brandColor} ~ '^#[0-9a-f]{6}$' AND ${table.accentColor} ~ '^#[0-9a-f]{6}$'`,
  ),
  check("portal_settings_notice_check", sql`${table.minNoticeHours} BETWEEN 0 AND 8760`),
  check("portal_settings_horizon_check", sql`${table.horizonDays} BETWEEN 1 AND 730`),
  check("portal_settings_hold_check", sql`${table.holdMinutes} BETWEEN 5 AND 10080`),
  check("portal_settings_reminder_lead_check", sql`${table.reminderLeadHours} BETWEEN 1 AND 336`),
]);

/** Something a client can book on the public page: "Vocal recording, 4 h, with engineer". */
export const bookingOffers = pgTable("booking_offers", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  description: text("description"),
  /** The client gets whichever of these rooms is free (a room group), first listed first. */
  roomIds: text("room_ids").array().notNull(),
  /** The engineer who comes with the offer, or none. */
  engineerId: text("engineer_id").references(() => engineers.id),
  durations: jsonb("durations").$type<OfferDuration[]>().notNull(),
  currency: char("currency", { length: 3 }).notNull(),
  policy: jsonb("policy").$type<BookingPolicy>().notNull(),
  /** Staff confirm every booking of this offer, even when paid. */
  requiresApproval: boolean("requires_approval").notNull().default(false),
  active: boolean("active").notNull().default(true),
  position: integer("position").notNull().default(0),
  version: integer("version").notNull().default(1),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (table) => [
  check("booking_offers_rooms_check", sql`cardinality(${table.roomIds}) > 0`),
  index("booking_offers_active_idx").on(table.active, table.position),
]);

/**
 * A client's sign-in to the portal. It is bound to a client record only through a verified e-mail
 * address or a staff invitation (lib/portal/accounts.ts), never through an id a visitor supplies.
 */
export const portalAccounts = pgTable("portal_accounts", {
  id: text("id").primaryKey(),
  clientId: text("client_id").notNull().references(() => clients.id),
  /** Lower-cased. */
  email: text("email").notNull(),
  /** Optional: argon2id, when the client chose a password. */
  passwordHash: text("password_hash"),
  emailVerifiedAt: timestamp("email_verified_at", { withTimezone: true }),
  disabledAt: timestamp("disabled_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
}, (table) => [
  uniqueIndex("portal_accounts_email_idx").on(table.email),
  index("portal_accounts_client_idx").on(table.clientId),
]);

export type PortalBookingState =
  | "awaiting_payment"
  | "awaiting_approval"
  | "confirmed"
  | "cancelled"
  | "expired";

/** The portal side of a booking made online: the offer, the price and policy it was made under. */
export const portalBookings = pgTable("portal_bookings", {
  bookingId: text("booking_id").primaryKey().references(() => bookings.id),
  offerId: text("offer_id").notNull().references(() => bookingOffers.id),
  accountId: text("account_id").references(() => portalAccounts.id),
  durationMinutes: integer("duration_minutes").notNull(),
  price: money("price").notNull(),
  deposit: money("deposit").notNull(),
  currency: char("currency", { length: 3 }).notNull(),
  /** The policy as the client read it when booking: later edits of the offer do not change it. */
  policy: jsonb("policy").$type<BookingPolicy>().notNull(),
  state: text("state").$type<PortalBookingState>().notNull(),
  /** The deposit invoice the client pays (issued when the booking is made with payments on). */
  depositDocumentId: text("deposit_document_id").references(() => billingDocuments.id),
  /** How many times the deposit has moved to a rescheduled session. */
  transfers: integer("transfers").notNull().default(0),
  contactName: text("contact_name").notNull(),
  contactEmail: text("contact_email").notNull(),
  contactPhone: text("contact_phone"),
  /** The outcome shown to the client when they cancelled (lib/portal/policy.ts). */
  cancellation: jsonb("cancellation"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (table) => [
  check(
    "portal_bookings_state_check",
    sql`${table.state} IN ('awaiting_payment', 'awaiting_approval', 'confirmed', 'cancelled', 'expired')`,
  ),
  check(
    "portal_bookings_money_check",
    sql`${table.price} >= 0 AND ${table.deposit} BETWEEN 0 AND ${table.price}`,
  ),
  index("portal_bookings_account_idx").on(table.accountId),
  index("portal_bookings_deposit_idx").on(table.depositDocumentId),
]);

export type CheckoutPurpose = "deposit" | "invoice";
export type CheckoutStatus = "open" | "complete" | "expired";

/** A Stripe Checkout session we opened; the reconciliation job asks Stripe about the open ones. */
export const checkoutSessions = pgTable("checkout_sessions", {
  id: text("id").primaryKey(),
  purpose: text("purpose").$type<CheckoutPurpose>().notNull(),
  documentId: text("document_id").notNull().references(() => billingDocuments.id),
  bookingId: text("booking_id").references(() => bookings.id),
  amount: money("amount").notNull(),
  currency: char("currency", { length: 3 }).notNull(),
  status: text("status").$type<CheckoutStatus>().notNull().default("open"),
  url: text("url"),
  paymentIntentId: text("payment_intent_id"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  completedAt: timestamp("completed_at", { withTimezone: true }),
}, (table) => [
  check("checkout_sessions_purpose_check", sql`${table.purpose} IN ('deposit', 'invoice')`),
  check("checkout_sessions_status_check", sql`${table.status} IN ('open', 'complete', 'expired')`),
  check("checkout_sessions_amount_check", sql`${table.amount} > 0`),
  index("checkout_sessions_open_idx").on(table.createdAt).where(sql`${table.status} = 'open'`),
  index("checkout_sessions_document_idx").on(table.documentId),
]);

/**
 * Every Stripe event received for the studio, verified, stored before it is acted on. `processedAt`
 * is set in the transaction that applies the event's effects, so an event counts as handled only
 * when they commit; `deno task admin stripe:replay` re-runs stored events.
 */
export const stripeEvents = pgTable("stripe_events", {
  id: text("id").primaryKey(),
  type: text("type").notNull(),
  account: text("account"),
  /** The event's own creation time at Stripe. */
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  processedAt: timestamp("processed_at", { withTimezone: true }),
  attempts: integer("attempts").notNull().default(0),
  lastError: text("last_error"),
  payload: jsonb("payload").notNull(),
}, (table) => [
  index("stripe_events_unprocessed_idx").on(table.receivedAt).where(sql`${table.processedAt} IS NULL`),
]);

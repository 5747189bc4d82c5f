import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  char,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { bookings } from "./bookings.ts";
import { clients } from "./clients.ts";

/** Money: whole minor units of the row's currency; bigint so no total ever overflows, read as a JS number. */
export const money = (name: string) => bigint(name, { mode: "number" });

export type RoundingMode = "per_line" | "per_document";
export type DocumentKind = "quote" | "invoice" | "deposit_invoice" | "credit_note";
/**
 * Quotes: draft → sent → accepted / declined / expired → converted.
 * Invoices and deposit invoices: draft → issued → partially_paid → paid, with overdue and credited
 * derived from dates and credit notes. Credit notes: draft → issued. Drafts may be deleted; nothing
 * issued is ever deleted or edited (docs/BILLING.md, "Documents").
 */
export type DocumentStatus =
  | "draft"
  | "sent"
  | "accepted"
  | "declined"
  | "expired"
  | "converted"
  | "issued"
  | "partially_paid"
  | "paid"
  | "credited";
export type ServiceUnit = "hour" | "half_day" | "day" | "item";
export type PaymentMethod = "cash" | "transfer" | "card" | "cheque" | "other" | "credit" | "stripe";

/** A tax as it is printed and computed: the totals engine's TaxInput, frozen on each line. */
export interface LineTaxSnapshot {
  id: string;
  name: string;
  /** Exact decimal percentage, "19" or "9.975". */
  rate: string;
  compound?: boolean;
}

/** Who a document is addressed to, frozen when it is issued (a later client edit never changes it). */
export interface PartySnapshot {
  name: string;
  addressLines: string[];
  taxId?: string | null;
  email?: string | null;
}

/** A quote's acceptance: who typed their name, when, from where, and the hash of what they read. */
export interface QuoteSignature {
  name: string;
  signedAt: string;
  ip: string | null;
  userAgent: string | null;
  /** SHA-256 (hex) of the document's canonical content at signing. */
  documentHash: string;
}

/**
 * Billing rules of the studio: one row, id 1. Number formats use lib/billing/numbering.ts's tokens.
 * The issuer block printed on documents (address, tax ids, bank details) lives here too.
 */
export const billingSettings = pgTable("billing_settings", {
  id: integer("id").primaryKey().default(1),
  roundingMode: text("rounding_mode").$type<RoundingMode>().notNull().default("per_line"),
  pricesIncludeTax: boolean("prices_include_tax").notNull().default(false),
  /** Tax rates put on a new line unless its service says otherwise. */
  defaultTaxRateIds: text("default_tax_rate_ids").array().notNull().default(sql`'{}'`),
  paymentTermsDays: integer("payment_terms_days").notNull().default(30),
  quoteValidityDays: integer("quote_validity_days").notNull().default(30),
  invoiceNumberFormat: text("invoice_number_format").notNull().default("INV-{YYYY}-{0000}"),
  depositNumberFormat: text("deposit_number_format").notNull().default("DEP-{YYYY}-{0000}"),
  creditNoteNumberFormat: text("credit_note_number_format").notNull().default("CN-{YYYY}-{0000}"),
  quoteNumberFormat: text("quote_number_format").notNull().default("Q-{YYYY}-{0000}"),
  /** Issuer block: lines printed under the studio's name. */
  addressLines: text("address_lines").array().notNull().default(sql`'{}'`),
  /** "VAT FR12345678901", "GST 123456789 RT0001"… one per line on documents. */
  taxIds: text("tax_ids").array().notNull().default(sql`'{}'`),
  bankDetails: text("bank_details"),
  paymentInstructions: text("payment_instructions"),
  /** Printed at the foot of every invoice (legal mentions, late-payment terms). */
  invoiceFooter: text("invoice_footer"),
  /** Days after the due date each reminder e-mail goes out, ascending, e.g. {3, 14, 30}. */
  reminderDays: integer("reminder_days").array().notNull().default(sql`'{3,14,30}'`),
  /** The logo printed on documents and shown in the portal: PNG or JPEG bytes, base64. */
  logoBase64: text("logo_base64"),
  logoContentType: text("logo_content_type"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (table) => [
  check("billing_settings_single_row", sql`${table.id} = 1`),
  check("billing_settings_rounding_check", sql`${table.roundingMode} IN ('per_line', 'per_document')`),
  check("billing_settings_terms_check", sql`${table.paymentTermsDays} BETWEEN 0 AND 365`),
]);

/** Tax rates staff define (VAT 20%, GST 5%, QST 9.975%); lines copy them when written. */
export const taxRates = pgTable("tax_rates", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  /** Exact decimal percentage, 0–100, at most 4 decimals. */
  rate: text("rate").notNull(),
  /** Levied on the net plus the taxes before it on the line. */
  compound: boolean("compound").notNull().default(false),
  /** A tax category label for reports ("standard", "reduced", "exempt"). */
  category: text("category"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  archivedAt: timestamp("archived_at", { withTimezone: true }),
});

/** The catalogue: what the studio sells besides booked time (mixing per track, mastering, media). */
export const services = pgTable("services", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  description: text("description"),
  unit: text("unit").$type<ServiceUnit>().notNull(),
  /** Minor units of `currency` per unit. */
  unitPrice: money("unit_price").notNull(),
  currency: char("currency", { length: 3 }).notNull(),
  taxRateIds: text("tax_rate_ids").array().notNull().default(sql`'{}'`),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  archivedAt: timestamp("archived_at", { withTimezone: true }),
}, (table) => [
  check("services_unit_check", sql`${table.unit} IN ('hour', 'half_day', 'day', 'item')`),
  check("services_price_check", sql`${table.unitPrice} >= 0`),
]);

/** Staff-maintained rates: units of the studio's base currency per unit of `currency`. */
export const exchangeRates = pgTable("exchange_rates", {
  currency: char("currency", { length: 3 }).primaryKey(),
  rate: text("rate").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  updatedBy: text("updated_by"),
});

/**
 * The last number taken per series and period (a local year, or 0 for a series that never resets).
 * Issuing updates its row inside the issuing transaction, so numbers are gapless: a rolled-back issue
 * gives its number back, and concurrent issues queue on the row lock.
 */
export const documentCounters = pgTable("document_counters", {
  kind: text("kind").$type<DocumentKind>().notNull(),
  period: integer("period").notNull(),
  lastValue: integer("last_value").notNull(),
}, (table) => [primaryKey({ columns: [table.kind, table.period] })]);

/**
 * Quotes, invoices, deposit invoices and credit notes: one table, one line table and one totals
 * engine, so a quote converts to an invoice line for line and every document prints the same way.
 * Totals are stored as computed by lib/billing/totals.ts when the document is written, for lists,
 * reports and exports; pages and PDFs recompute them from the lines and must agree.
 */
export const billingDocuments = pgTable("billing_documents", {
  id: text("id").primaryKey(),
  kind: text("kind").$type<DocumentKind>().notNull(),
  status: text("status").$type<DocumentStatus>().notNull().default("draft"),
  /** Given at issue (or when a quote is sent) from the kind's series; null on drafts. */
  number: text("number"),
  sequence: integer("sequence"),
  period: integer("period"),
  clientId: text("client_id").notNull().references(() => clients.id),
  title: text("title"),
  currency: char("currency", { length: 3 }).notNull(),
  /** The studio's base currency and units of it per unit of `currency`, fixed at issue. */
  baseCurrency: char("base_currency", { length: 3 }).notNull(),
  exchangeRate: text("exchange_rate").notNull().default("1"),
  roundingMode: text("rounding_mode").$type<RoundingMode>().notNull(),
  pricesIncludeTax: boolean("prices_include_tax").notNull(),
  discountPercent: text("discount_percent"),
  discountAmount: money("discount_amount"),
  /** Local dates in the studio's zone. */
  issueDate: date("issue_date"),
  dueDate: date("due_date"),
  /** Quotes: the last day the offer stands. */
  validUntil: date("valid_until"),
  notes: text("notes"),
  terms: text("terms"),
  /** The client and the studio as printed, frozen at issue. */
  clientSnapshot: jsonb("client_snapshot").$type<PartySnapshot>(),
  issuerSnapshot: jsonb("issuer_snapshot").$type<
    PartySnapshot & { taxIds: string[]; bankDetails?: string | null }
  >(),
  subtotal: money("subtotal").notNull().default(0),
  discountTotal: money("discount_total").notNull().default(0),
  netTotal: money("net_total").notNull().default(0),
  taxTotal: money("tax_total").notNull().default(0),
  total: money("total").notNull().default(0),
  /** Σ deposits paid deducted on this invoice. */
  depositsApplied: money("deposits_applied").notNull().default(0),
  /** Σ payments (net of refunds) received against it. */
  amountPaid: money("amount_paid").notNull().default(0),
  /** Σ issued credit notes against it. */
  amountCredited: money("amount_credited").notNull().default(0),
  /** The total in the base currency at `exchangeRate`, for reports. */
  totalInBase: money("total_in_base").notNull().default(0),
  /** A credit note's invoice, an invoice's quote, a deposit invoice's quote. */
  relatedDocumentId: text("related_document_id"),
  /** Quotes: revisions share `revisionOf` (the first revision's id) and count up from 1. */
  revision: integer("revision").notNull().default(1),
  revisionOf: text("revision_of"),
  /** Quotes: SHA-256 (hex) of the client link's token; the link is the token itself. */
  publicTokenHash: text("public_token_hash"),
  signature: jsonb("signature").$type<QuoteSignature>(),
  declineReason: text("decline_reason"),
  /** Bumped on every change; edits from a stale page are refused. */
  version: integer("version").notNull().default(1),
  createdBy: text("created_by"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  issuedAt: timestamp("issued_at", { withTimezone: true }),
  sentAt: timestamp("sent_at", { withTimezone: true }),
  acceptedAt: timestamp("accepted_at", { withTimezone: true }),
  declinedAt: timestamp("declined_at", { withTimezone: true }),
  paidAt: timestamp("paid_at", { withTimezone: true }),
}, (table) => [
  check(
    "billing_documents_kind_check",
    sql`${table.kind} IN ('quote', 'invoice', 'deposit_invoice', 'credit_note')`,
  ),
  check("billing_documents_numbered_check", sql`(${table.status} = 'draft') = (${table.number} IS NULL)`),
  uniqueIndex("billing_documents_number_idx").on(table.kind, table.number),
  uniqueIndex("billing_documents_public_token_idx").on(table.publicTokenHash),
  // The invoice list: newest first within a kind, filtered by status or client. NULLS FIRST is what
  // ORDER BY … DESC means; an index built NULLS LAST cannot serve it even on NOT NULL columns.
  index("billing_documents_list_idx").on(table.kind, table.createdAt.desc().nullsFirst(), table.id),
  // "All invoices" covers deposit invoices too: one ordered scan instead of a sort over both kinds.
  index("billing_documents_invoices_idx").on(table.createdAt.desc().nullsFirst(), table.id)
    .where(sql`${table.kind} IN ('invoice', 'deposit_invoice')`),
  index("billing_documents_status_idx").on(
    table.kind,
    table.status,
    table.createdAt.desc().nullsFirst(),
    table.id,
  ),
  index("billing_documents_client_idx").on(
    table.clientId,
    table.kind,
    table.createdAt.desc().nullsFirst(),
    table.id,
  ),
  // Staff search by any part of a number ("0042", "2026-01").
  index("billing_documents_number_search_idx").using("gin", sql`lower(${table.number}) gin_trgm_ops`)
    .with({ fastupdate: false }),
  index("billing_documents_due_idx").on(table.dueDate).where(
    sql`${table.status} IN ('issued', 'partially_paid')`,
  ),
  index("billing_documents_related_idx").on(table.relatedDocumentId),
]);

/**
 * A document's lines. Taxes are copied onto the line (name and rate as printed), so a later change
 * to a tax rate never alters a document. Quantity is an exact decimal string.
 */
export const documentLines = pgTable("document_lines", {
  id: text("id").primaryKey(),
  documentId: text("document_id").notNull().references(() => billingDocuments.id, { onDelete: "cascade" }),
  position: integer("position").notNull(),
  description: text("description").notNull(),
  /** A second line of detail: a session's day and times, a track list. */
  detail: text("detail"),
  quantity: text("quantity").notNull(),
  unit: text("unit").$type<ServiceUnit>().notNull().default("item"),
  unitPrice: money("unit_price").notNull(),
  discountPercent: text("discount_percent"),
  discountAmount: money("discount_amount"),
  taxes: jsonb("taxes").$type<LineTaxSnapshot[]>().notNull().default(sql`'[]'::jsonb`),
  serviceId: text("service_id").references(() => services.id),
  /** Lines made from a booking: its id, the block's local day and its times. */
  bookingId: text("booking_id").references(() => bookings.id),
  sessionDate: date("session_date"),
  startsAt: timestamp("starts_at", { withTimezone: true }),
  endsAt: timestamp("ends_at", { withTimezone: true }),
  /** As the totals engine computed them when the document was last written. */
  net: money("net").notNull().default(0),
  taxTotal: money("tax_total").notNull().default(0),
  gross: money("gross").notNull().default(0),
}, (table) => [
  index("document_lines_document_idx").on(table.documentId, table.position),
  index("document_lines_booking_idx").on(table.bookingId),
]);

/**
 * Which invoice bills a booking. One row per booking: a session is never invoiced twice. A credit
 * note that cancels the whole invoice frees its bookings again.
 */
export const invoicedBookings = pgTable("invoiced_bookings", {
  bookingId: text("booking_id").primaryKey().references(() => bookings.id),
  documentId: text("document_id").notNull().references(() => billingDocuments.id, { onDelete: "cascade" }),
}, (table) => [index("invoiced_bookings_document_idx").on(table.documentId)]);

/** Paid deposit invoices deducted on a final invoice. */
export const depositApplications = pgTable("deposit_applications", {
  invoiceId: text("invoice_id").notNull().references(() => billingDocuments.id, { onDelete: "cascade" }),
  depositId: text("deposit_id").notNull().references(() => billingDocuments.id),
  amount: money("amount").notNull(),
}, (table) => [
  primaryKey({ columns: [table.invoiceId, table.depositId] }),
  // A deposit is deducted once.
  uniqueIndex("deposit_applications_deposit_idx").on(table.depositId),
]);

/**
 * Money received or paid back. `amount` is positive for a payment and negative for a refund. A
 * payment without a document, or the part of one above the document's balance, is client credit
 * (clientCredits). Payments are voided, never deleted.
 */
export const payments = pgTable("payments", {
  id: text("id").primaryKey(),
  clientId: text("client_id").notNull().references(() => clients.id),
  documentId: text("document_id").references(() => billingDocuments.id),
  method: text("method").$type<PaymentMethod>().notNull(),
  amount: money("amount").notNull(),
  currency: char("currency", { length: 3 }).notNull(),
  /** Local date the money arrived, in the studio's zone. */
  receivedOn: date("received_on").notNull(),
  reference: text("reference"),
  note: text("note"),
  /** A refund's payment: refunds of one payment never add up to more than it. */
  refundOf: text("refund_of").references((): AnyPgColumn => payments.id),
  /** Stripe payment intent or charge id, when paid online (unique: a webhook counts once). */
  externalId: text("external_id"),
  createdBy: text("created_by"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  voidedAt: timestamp("voided_at", { withTimezone: true }),
  voidReason: text("void_reason"),
}, (table) => [
  check(
    "payments_method_check",
    sql`${table.method} IN ('cash', 'transfer', 'card', 'cheque', 'other', 'credit', 'stripe')`,
  ),
  check("payments_amount_check", sql`${table.amount} <> 0`),
  index("payments_document_idx").on(table.documentId),
  index("payments_refund_of_idx").on(table.refundOf),
  index("payments_client_idx").on(
    table.clientId,
    table.receivedOn.desc().nullsFirst(),
    table.id.desc().nullsFirst(),
  ),
  index("payments_received_idx").on(table.receivedOn.desc().nullsFirst(), table.id.desc().nullsFirst()),
  uniqueIndex("payments_external_idx").on(table.externalId),
]);

/**
 * The client's credit ledger per currency: overpayments in (+), credit used on invoices (−). The
 * balance is the sum; rows are appended, never changed.
 */
export const clientCredits = pgTable("client_credits", {
  id: text("id").primaryKey(),
  clientId: text("client_id").notNull().references(() => clients.id),
  currency: char("currency", { length: 3 }).notNull(),
  amount: money("amount").notNull(),
  paymentId: text("payment_id").references(() => payments.id),
  documentId: text("document_id").references(() => billingDocuments.id),
  reason: text("reason").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (table) => [index("client_credits_client_idx").on(table.clientId, table.currency)]);

/** Reminders sent for overdue invoices: one row per (invoice, step), so a re-run never mails twice. */
export const dunningReminders = pgTable("dunning_reminders", {
  documentId: text("document_id").notNull().references(() => billingDocuments.id, { onDelete: "cascade" }),
  /** Index into billing_settings.reminder_days. */
  step: integer("step").notNull(),
  sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
  sentTo: text("sent_to").notNull(),
}, (table) => [primaryKey({ columns: [table.documentId, table.step] })]);

import { sql } from "drizzle-orm";
import { char, check, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export type ClientKind = "person" | "band" | "company";

/**
 * What client search matches: names and every e-mail, lowercased, kept in the generated column
 * `search_text` so a search reads a plain column (a scan computes nothing per row) and no write
 * path can forget to update it. Contacts have their own (client_contacts.search_text).
 * `client_search_text` is an IMMUTABLE SQL function (migration 0005_clients) because
 * `array_to_string` is only STABLE and a generated column needs an immutable expression.
 */
const CLIENT_SEARCH_TEXT = sql`client_search_text("name", "artist_name", "email", "extra_emails")`;

/**
 * The studio's clients: artists, bands and companies (labels, management). Bookings, quotes and
 * invoices point here. A client is archived, never deleted, so what points at it stays whole.
 */
export const clients = pgTable("clients", {
  id: text("id").primaryKey(),
  kind: text("kind").$type<ClientKind>().notNull(),
  name: text("name").notNull(),
  /** The name the artist performs under, when it differs from `name`. */
  artistName: text("artist_name"),
  /** The main address: documents and portal invitations go here. */
  email: text("email"),
  phone: text("phone"),
  extraEmails: text("extra_emails").array().notNull().default(sql`'{}'`),
  extraPhones: text("extra_phones").array().notNull().default(sql`'{}'`),
  addressLine1: text("address_line1"),
  addressLine2: text("address_line2"),
  postalCode: text("postal_code"),
  city: text("city"),
  /** State, province or county, where the country uses one. */
  region: text("region"),
  /** ISO 3166-1 alpha-2. */
  country: char("country", { length: 2 }),
  /** VAT or other tax registration number, printed on invoices. */
  taxId: text("tax_id"),
  /** BCP 47, e.g. "fr"; mail to the client uses it. */
  locale: text("locale"),
  /** ISO 4217; documents for this client default to it. */
  currency: char("currency", { length: 3 }),
  tags: text("tags").array().notNull().default(sql`'{}'`),
  /** Bumped on every change; edits from a stale page are refused. */
  version: integer("version").notNull().default(1),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  archivedAt: timestamp("archived_at", { withTimezone: true }),
  searchText: text("search_text").notNull().generatedAlwaysAs(CLIENT_SEARCH_TEXT),
}, (table) => [
  check("clients_kind_check", sql`${table.kind} IN ('person', 'band', 'company')`),
  // fastupdate off: new rows go straight into the index rather than a pending list that every search
  // scans and that only VACUUM empties (PGlite has no autovacuum); writes here are few, searches many.
  index("clients_search_idx").using("gin", sql`${table.searchText} gin_trgm_ops`).with({ fastupdate: false }),
  // The list's order; with the id it is a total order, so pages never repeat or skip a client.
  index("clients_name_idx").on(sql`lower(${table.name})`, table.id),
  index("clients_tags_idx").using("gin", table.tags),
]);

/** People at a client: a label's A&R and accountant, a band's members, an artist's manager. */
export const clientContacts = pgTable("client_contacts", {
  id: text("id").primaryKey(),
  clientId: text("client_id").notNull().references(() => clients.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  /** Free text: "manager", "A&R", "accountant", "band member"… */
  role: text("role"),
  email: text("email"),
  phone: text("phone"),
  /** Order on the client's page, from 0. */
  position: integer("position").notNull().default(0),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  /** What client search matches in a contact: name and e-mail, lowercased (see clients.searchText). */
  searchText: text("search_text").notNull()
    .generatedAlwaysAs(sql`lower("name" || ' ' || coalesce("email", ''))`),
}, (table) => [
  index("client_contacts_client_idx").on(table.clientId, table.position),
  index("client_contacts_search_idx").using("gin", sql`${table.searchText} gin_trgm_ops`)
    .with({ fastupdate: false }),
]);

/** A client's dated notes history; notes are added, never edited, so the history stays true. */
export const clientNotes = pgTable("client_notes", {
  id: text("id").primaryKey(),
  clientId: text("client_id").notNull().references(() => clients.id, { onDelete: "cascade" }),
  body: text("body").notNull(),
  /** The staff member's id (KV), and how they read at the time so the note stays attributed after they leave. */
  authorId: text("author_id"),
  authorLabel: text("author_label"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (table) => [
  index("client_notes_client_idx").on(table.clientId, table.createdAt),
]);

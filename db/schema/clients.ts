import { sql } from "drizzle-orm";
import { char, index, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export type ClientKind = "person" | "band" | "company";

/**
 * The studio's clients: artists, bands and companies (labels, management). Bookings, quotes and
 * invoices point here. Search by any part of a name or e-mail uses the trigram index.
 */
export const clients = pgTable("clients", {
  id: text("id").primaryKey(),
  kind: text("kind").$type<ClientKind>().notNull(),
  name: text("name").notNull(),
  /** The name the artist performs under, when it differs from `name`. */
  artistName: text("artist_name"),
  email: text("email"),
  phone: text("phone"),
  /** BCP 47, e.g. "fr"; mail to the client uses it. */
  locale: text("locale"),
  /** ISO 4217; documents for this client default to it. */
  currency: char("currency", { length: 3 }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  archivedAt: timestamp("archived_at", { withTimezone: true }),
}, (table) => [
  index("clients_search_idx").using(
    "gin",
    sql`(lower(${table.name} || ' ' || coalesce(${table.artistName}, '') || ' ' || coalesce(${table.email}, ''))) gin_trgm_ops`,
  ),
]);

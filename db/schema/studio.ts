import { char, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** The studio's own profile inside its database: one row, id 1. The KV catalog mirrors name and zone. */
export const studioProfile = pgTable("studio_profile", {
  id: integer("id").primaryKey().default(1),
  name: text("name").notNull(),
  timezone: text("timezone").notNull(),
  currency: char("currency", { length: 3 }).notNull(),
  locale: text("locale").notNull(),
  country: char("country", { length: 2 }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

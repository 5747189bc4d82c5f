-- Exclusion constraints over time ranges (bookings) and trigram search (clients) need these.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;

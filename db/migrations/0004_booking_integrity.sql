-- The database is the last line against double booking (ARCHITECTURE §6): rooms and engineers by
-- exclusion constraints over the buffered ranges of blocking rows; gear by a trigger that keeps the
-- units reserved at any instant within the item's quantity, serialized per item by a row lock.
ALTER TABLE "booking_blocks" ADD CONSTRAINT "booking_blocks_room_overlap"
  EXCLUDE USING gist ("room_id" WITH =, tstzrange("blocked_from", "blocked_until") WITH &&) WHERE ("blocking");
--> statement-breakpoint
ALTER TABLE "engineer_reservations" ADD CONSTRAINT "engineer_reservations_overlap"
  EXCLUDE USING gist ("engineer_id" WITH =, tstzrange("blocked_from", "blocked_until") WITH &&) WHERE ("blocking");
--> statement-breakpoint
-- Calendar pages read every block that meets a window, in all rooms.
CREATE INDEX "booking_blocks_span_idx" ON "booking_blocks" USING gist (tstzrange("starts_at", "ends_at"));
--> statement-breakpoint
CREATE INDEX "gear_reservations_span_idx" ON "gear_reservations" USING gist ("gear_id", tstzrange("blocked_from", "blocked_until")) WHERE ("blocking");
--> statement-breakpoint
CREATE FUNCTION "gear_reservations_within_quantity"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  item record;
  peak integer;
BEGIN
  -- NO KEY UPDATE (not UPDATE) so the foreign-key checks' KEY SHARE locks of concurrent inserts do not deadlock with it.
  SELECT "name", "quantity", "status" INTO item FROM "gear" WHERE "id" = NEW."gear_id" FOR NO KEY UPDATE;
  IF item."status" <> 'in_service' THEN
    RAISE EXCEPTION 'gear % is %', item."name", item."status"
      USING ERRCODE = '23P01', CONSTRAINT = 'gear_reservations_status', DETAIL = NEW."gear_id";
  END IF;
  -- The peak of an overlap of ranges is at one of their starts.
  SELECT coalesce(max(units), 0) INTO peak FROM (
    SELECT sum(r."quantity") AS units
    FROM (
      SELECT DISTINCT greatest("blocked_from", NEW."blocked_from") AS instant FROM "gear_reservations"
      WHERE "gear_id" = NEW."gear_id" AND "blocking"
        AND tstzrange("blocked_from", "blocked_until") && tstzrange(NEW."blocked_from", NEW."blocked_until")
    ) AS starts
    JOIN "gear_reservations" r ON r."gear_id" = NEW."gear_id" AND r."blocking"
      AND tstzrange(r."blocked_from", r."blocked_until") @> starts.instant
    GROUP BY starts.instant
  ) AS usage;
  IF peak > item."quantity" THEN
    RAISE EXCEPTION 'gear % over quantity: % of %', item."name", peak, item."quantity"
      USING ERRCODE = '23P01', CONSTRAINT = 'gear_reservations_quantity', DETAIL = NEW."gear_id";
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "gear_reservations_within_quantity" AFTER INSERT OR UPDATE ON "gear_reservations"
  FOR EACH ROW WHEN (NEW."blocking") EXECUTE FUNCTION "gear_reservations_within_quantity"();
--> statement-breakpoint
-- A booking's status decides whether its rows block; keeping that here means no code path can forget it.
CREATE FUNCTION "bookings_sync_blocking"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  blocks boolean := NEW."status" IN ('hold', 'confirmed', 'in_progress', 'completed');
BEGIN
  UPDATE "booking_blocks" SET "blocking" = blocks WHERE "booking_id" = NEW."id" AND "blocking" <> blocks;
  UPDATE "engineer_reservations" SET "blocking" = blocks WHERE "booking_id" = NEW."id" AND "blocking" <> blocks;
  UPDATE "gear_reservations" SET "blocking" = blocks WHERE "booking_id" = NEW."id" AND "blocking" <> blocks;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "bookings_sync_blocking" AFTER UPDATE OF "status" ON "bookings"
  FOR EACH ROW WHEN (OLD."status" IS DISTINCT FROM NEW."status") EXECUTE FUNCTION "bookings_sync_blocking"();

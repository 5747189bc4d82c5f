CREATE TABLE "booking_blocks" (
	"id" text PRIMARY KEY NOT NULL,
	"booking_id" text NOT NULL,
	"room_id" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"blocked_from" timestamp with time zone NOT NULL,
	"blocked_until" timestamp with time zone NOT NULL,
	"blocking" boolean DEFAULT true NOT NULL,
	CONSTRAINT "booking_blocks_range_check" CHECK ("booking_blocks"."ends_at" > "booking_blocks"."starts_at"),
	CONSTRAINT "booking_blocks_buffer_check" CHECK ("booking_blocks"."blocked_from" <= "booking_blocks"."starts_at" AND "booking_blocks"."blocked_until" >= "booking_blocks"."ends_at")
);
--> statement-breakpoint
CREATE TABLE "booking_series" (
	"id" text PRIMARY KEY NOT NULL,
	"rule" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bookings" (
	"id" text PRIMARY KEY NOT NULL,
	"client_id" text,
	"room_id" text NOT NULL,
	"title" text NOT NULL,
	"status" text NOT NULL,
	"hold_expires_at" timestamp with time zone,
	"source" text DEFAULT 'staff' NOT NULL,
	"notes" text,
	"series_id" text,
	"series_index" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	CONSTRAINT "bookings_hold_check" CHECK ("bookings"."status" <> 'hold' OR "bookings"."hold_expires_at" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "clients" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"artist_name" text,
	"email" text,
	"phone" text,
	"locale" text,
	"currency" char(3),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "closures" (
	"id" text PRIMARY KEY NOT NULL,
	"room_id" text,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"reason" text,
	CONSTRAINT "closures_range_check" CHECK ("closures"."ends_at" > "closures"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "engineer_reservations" (
	"block_id" text NOT NULL,
	"engineer_id" text NOT NULL,
	"booking_id" text NOT NULL,
	"blocked_from" timestamp with time zone NOT NULL,
	"blocked_until" timestamp with time zone NOT NULL,
	"blocking" boolean DEFAULT true NOT NULL,
	CONSTRAINT "engineer_reservations_block_id_engineer_id_pk" PRIMARY KEY("block_id","engineer_id")
);
--> statement-breakpoint
CREATE TABLE "engineer_time_off" (
	"id" text PRIMARY KEY NOT NULL,
	"engineer_id" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"reason" text,
	CONSTRAINT "engineer_time_off_range_check" CHECK ("engineer_time_off"."ends_at" > "engineer_time_off"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "engineers" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"phone" text,
	"staff_id" text,
	"colour" text DEFAULT '#0ea5e9' NOT NULL,
	"working_hours" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"hourly_rate" bigint DEFAULT 0 NOT NULL,
	"day_rate" bigint,
	"day_minutes" integer DEFAULT 600 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "engineers_staff_id_unique" UNIQUE("staff_id")
);
--> statement-breakpoint
CREATE TABLE "gear" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"category" text,
	"quantity" integer DEFAULT 1 NOT NULL,
	"fee" bigint DEFAULT 0 NOT NULL,
	"fee_per" text DEFAULT 'day' NOT NULL,
	"status" text DEFAULT 'in_service' NOT NULL,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gear_name_unique" UNIQUE("name"),
	CONSTRAINT "gear_quantity_check" CHECK ("gear"."quantity" >= 0),
	CONSTRAINT "gear_fee_check" CHECK ("gear"."fee" >= 0)
);
--> statement-breakpoint
CREATE TABLE "gear_reservations" (
	"block_id" text NOT NULL,
	"gear_id" text NOT NULL,
	"booking_id" text NOT NULL,
	"quantity" integer NOT NULL,
	"blocked_from" timestamp with time zone NOT NULL,
	"blocked_until" timestamp with time zone NOT NULL,
	"blocking" boolean DEFAULT true NOT NULL,
	CONSTRAINT "gear_reservations_block_id_gear_id_pk" PRIMARY KEY("block_id","gear_id"),
	CONSTRAINT "gear_reservations_quantity_check" CHECK ("gear_reservations"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "rooms" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text DEFAULT 'other' NOT NULL,
	"capacity" integer,
	"colour" text DEFAULT '#6366f1' NOT NULL,
	"location" text,
	"opening_hours" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"setup_minutes" integer DEFAULT 0 NOT NULL,
	"teardown_minutes" integer DEFAULT 0 NOT NULL,
	"minimum_minutes" integer DEFAULT 0 NOT NULL,
	"hourly_rate" bigint DEFAULT 0 NOT NULL,
	"half_day_rate" bigint,
	"half_day_minutes" integer DEFAULT 240 NOT NULL,
	"day_rate" bigint,
	"day_minutes" integer DEFAULT 600 NOT NULL,
	"night_rate" bigint,
	"night_start" text DEFAULT '22:00' NOT NULL,
	"night_end" text DEFAULT '08:00' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rooms_name_unique" UNIQUE("name"),
	CONSTRAINT "rooms_buffers_check" CHECK ("rooms"."setup_minutes" >= 0 AND "rooms"."teardown_minutes" >= 0),
	CONSTRAINT "rooms_rates_check" CHECK ("rooms"."hourly_rate" >= 0)
);
--> statement-breakpoint
ALTER TABLE "booking_blocks" ADD CONSTRAINT "booking_blocks_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_blocks" ADD CONSTRAINT "booking_blocks_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_series_id_booking_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."booking_series"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "closures" ADD CONSTRAINT "closures_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engineer_reservations" ADD CONSTRAINT "engineer_reservations_block_id_booking_blocks_id_fk" FOREIGN KEY ("block_id") REFERENCES "public"."booking_blocks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engineer_reservations" ADD CONSTRAINT "engineer_reservations_engineer_id_engineers_id_fk" FOREIGN KEY ("engineer_id") REFERENCES "public"."engineers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engineer_reservations" ADD CONSTRAINT "engineer_reservations_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engineer_time_off" ADD CONSTRAINT "engineer_time_off_engineer_id_engineers_id_fk" FOREIGN KEY ("engineer_id") REFERENCES "public"."engineers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gear_reservations" ADD CONSTRAINT "gear_reservations_block_id_booking_blocks_id_fk" FOREIGN KEY ("block_id") REFERENCES "public"."booking_blocks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gear_reservations" ADD CONSTRAINT "gear_reservations_gear_id_gear_id_fk" FOREIGN KEY ("gear_id") REFERENCES "public"."gear"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gear_reservations" ADD CONSTRAINT "gear_reservations_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "booking_blocks_booking_idx" ON "booking_blocks" USING btree ("booking_id");--> statement-breakpoint
CREATE INDEX "booking_blocks_time_idx" ON "booking_blocks" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "bookings_client_idx" ON "bookings" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "bookings_series_idx" ON "bookings" USING btree ("series_id","series_index");--> statement-breakpoint
CREATE INDEX "bookings_hold_expiry_idx" ON "bookings" USING btree ("hold_expires_at") WHERE "bookings"."status" = 'hold';--> statement-breakpoint
CREATE INDEX "clients_search_idx" ON "clients" USING gin ((lower("name" || ' ' || coalesce("artist_name", '') || ' ' || coalesce("email", ''))) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "closures_room_idx" ON "closures" USING btree ("room_id","starts_at");--> statement-breakpoint
CREATE INDEX "engineer_reservations_booking_idx" ON "engineer_reservations" USING btree ("booking_id");--> statement-breakpoint
CREATE INDEX "engineer_time_off_idx" ON "engineer_time_off" USING btree ("engineer_id","starts_at");--> statement-breakpoint
CREATE INDEX "gear_reservations_booking_idx" ON "gear_reservations" USING btree ("booking_id");
CREATE TABLE "booking_offers" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"room_ids" text[] NOT NULL,
	"engineer_id" text,
	"durations" jsonb NOT NULL,
	"currency" char(3) NOT NULL,
	"policy" jsonb NOT NULL,
	"requires_approval" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "booking_offers_rooms_check" CHECK (cardinality("booking_offers"."room_ids") > 0)
);
--> statement-breakpoint
CREATE TABLE "checkout_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"purpose" text NOT NULL,
	"document_id" text NOT NULL,
	"booking_id" text,
	"amount" bigint NOT NULL,
	"currency" char(3) NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"url" text,
	"payment_intent_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "checkout_sessions_purpose_check" CHECK ("checkout_sessions"."purpose" IN ('deposit', 'invoice')),
	CONSTRAINT "checkout_sessions_status_check" CHECK ("checkout_sessions"."status" IN ('open', 'complete', 'expired')),
	CONSTRAINT "checkout_sessions_amount_check" CHECK ("checkout_sessions"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "portal_accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"client_id" text NOT NULL,
	"email" text NOT NULL,
	"password_hash" text,
	"email_verified_at" timestamp with time zone,
	"disabled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_sign_in_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "portal_bookings" (
	"booking_id" text PRIMARY KEY NOT NULL,
	"offer_id" text NOT NULL,
	"account_id" text,
	"duration_minutes" integer NOT NULL,
	"price" bigint NOT NULL,
	"deposit" bigint NOT NULL,
	"currency" char(3) NOT NULL,
	"policy" jsonb NOT NULL,
	"state" text NOT NULL,
	"deposit_document_id" text,
	"transfers" integer DEFAULT 0 NOT NULL,
	"contact_name" text NOT NULL,
	"contact_email" text NOT NULL,
	"contact_phone" text,
	"cancellation" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "portal_bookings_state_check" CHECK ("portal_bookings"."state" IN ('awaiting_payment', 'awaiting_approval', 'confirmed', 'cancelled', 'expired')),
	CONSTRAINT "portal_bookings_money_check" CHECK ("portal_bookings"."price" >= 0 AND "portal_bookings"."deposit" BETWEEN 0 AND "portal_bookings"."price")
);
--> statement-breakpoint
CREATE TABLE "portal_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"booking_enabled" boolean DEFAULT true NOT NULL,
	"brand_color" text DEFAULT '#4338ca' NOT NULL,
	"accent_color" text DEFAULT '#0f766e' NOT NULL,
	"welcome_text" text,
	"min_notice_hours" integer DEFAULT 24 NOT NULL,
	"horizon_days" integer DEFAULT 60 NOT NULL,
	"hold_minutes" integer DEFAULT 30 NOT NULL,
	"stripe_account_id" text,
	"stripe_charges_enabled" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "portal_settings_single_row" CHECK ("portal_settings"."id" = 1),
	CONSTRAINT "portal_settings_colors_check" CHECK ("portal_settings"."brand_color" ~ '^#[0-9a-f]{6}$' AND "portal_settings"."accent_color" ~ '^#[0-9a-f]{6}$'),
	CONSTRAINT "portal_settings_notice_check" CHECK ("portal_settings"."min_notice_hours" BETWEEN 0 AND 8760),
	CONSTRAINT "portal_settings_horizon_check" CHECK ("portal_settings"."horizon_days" BETWEEN 1 AND 730),
	CONSTRAINT "portal_settings_hold_check" CHECK ("portal_settings"."hold_minutes" BETWEEN 5 AND 10080)
);
--> statement-breakpoint
CREATE TABLE "stripe_events" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"account" text,
	"created_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"payload" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "booking_offers" ADD CONSTRAINT "booking_offers_engineer_id_engineers_id_fk" FOREIGN KEY ("engineer_id") REFERENCES "public"."engineers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkout_sessions" ADD CONSTRAINT "checkout_sessions_document_id_billing_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."billing_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkout_sessions" ADD CONSTRAINT "checkout_sessions_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_accounts" ADD CONSTRAINT "portal_accounts_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_bookings" ADD CONSTRAINT "portal_bookings_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_bookings" ADD CONSTRAINT "portal_bookings_offer_id_booking_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."booking_offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_bookings" ADD CONSTRAINT "portal_bookings_account_id_portal_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."portal_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_bookings" ADD CONSTRAINT "portal_bookings_deposit_document_id_billing_documents_id_fk" FOREIGN KEY ("deposit_document_id") REFERENCES "public"."billing_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "booking_offers_active_idx" ON "booking_offers" USING btree ("active","position");--> statement-breakpoint
CREATE INDEX "checkout_sessions_open_idx" ON "checkout_sessions" USING btree ("created_at") WHERE "checkout_sessions"."status" = 'open';--> statement-breakpoint
CREATE INDEX "checkout_sessions_document_idx" ON "checkout_sessions" USING btree ("document_id");--> statement-breakpoint
CREATE UNIQUE INDEX "portal_accounts_email_idx" ON "portal_accounts" USING btree ("email");--> statement-breakpoint
CREATE INDEX "portal_accounts_client_idx" ON "portal_accounts" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "portal_bookings_account_idx" ON "portal_bookings" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "portal_bookings_deposit_idx" ON "portal_bookings" USING btree ("deposit_document_id");--> statement-breakpoint
CREATE INDEX "stripe_events_unprocessed_idx" ON "stripe_events" USING btree ("received_at") WHERE "stripe_events"."processed_at" IS NULL;
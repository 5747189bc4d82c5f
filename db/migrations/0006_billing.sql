CREATE TABLE "billing_documents" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"number" text,
	"sequence" integer,
	"period" integer,
	"client_id" text NOT NULL,
	"title" text,
	"currency" char(3) NOT NULL,
	"base_currency" char(3) NOT NULL,
	"exchange_rate" text DEFAULT '1' NOT NULL,
	"rounding_mode" text NOT NULL,
	"prices_include_tax" boolean NOT NULL,
	"discount_percent" text,
	"discount_amount" bigint,
	"issue_date" date,
	"due_date" date,
	"valid_until" date,
	"notes" text,
	"terms" text,
	"client_snapshot" jsonb,
	"issuer_snapshot" jsonb,
	"subtotal" bigint DEFAULT 0 NOT NULL,
	"discount_total" bigint DEFAULT 0 NOT NULL,
	"net_total" bigint DEFAULT 0 NOT NULL,
	"tax_total" bigint DEFAULT 0 NOT NULL,
	"total" bigint DEFAULT 0 NOT NULL,
	"deposits_applied" bigint DEFAULT 0 NOT NULL,
	"amount_paid" bigint DEFAULT 0 NOT NULL,
	"amount_credited" bigint DEFAULT 0 NOT NULL,
	"total_in_base" bigint DEFAULT 0 NOT NULL,
	"related_document_id" text,
	"revision" integer DEFAULT 1 NOT NULL,
	"revision_of" text,
	"public_token_hash" text,
	"signature" jsonb,
	"decline_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"issued_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"declined_at" timestamp with time zone,
	"paid_at" timestamp with time zone,
	CONSTRAINT "billing_documents_kind_check" CHECK ("billing_documents"."kind" IN ('quote', 'invoice', 'deposit_invoice', 'credit_note')),
	CONSTRAINT "billing_documents_numbered_check" CHECK (("billing_documents"."status" = 'draft') = ("billing_documents"."number" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "billing_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"rounding_mode" text DEFAULT 'per_line' NOT NULL,
	"prices_include_tax" boolean DEFAULT false NOT NULL,
	"default_tax_rate_ids" text[] DEFAULT '{}' NOT NULL,
	"payment_terms_days" integer DEFAULT 30 NOT NULL,
	"quote_validity_days" integer DEFAULT 30 NOT NULL,
	"invoice_number_format" text DEFAULT 'INV-{YYYY}-{0000}' NOT NULL,
	"deposit_number_format" text DEFAULT 'DEP-{YYYY}-{0000}' NOT NULL,
	"credit_note_number_format" text DEFAULT 'CN-{YYYY}-{0000}' NOT NULL,
	"quote_number_format" text DEFAULT 'Q-{YYYY}-{0000}' NOT NULL,
	"address_lines" text[] DEFAULT '{}' NOT NULL,
	"tax_ids" text[] DEFAULT '{}' NOT NULL,
	"bank_details" text,
	"payment_instructions" text,
	"invoice_footer" text,
	"reminder_days" integer[] DEFAULT '{3,14,30}' NOT NULL,
	"logo_base64" text,
	"logo_content_type" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "billing_settings_single_row" CHECK ("billing_settings"."id" = 1),
	CONSTRAINT "billing_settings_rounding_check" CHECK ("billing_settings"."rounding_mode" IN ('per_line', 'per_document')),
	CONSTRAINT "billing_settings_terms_check" CHECK ("billing_settings"."payment_terms_days" BETWEEN 0 AND 365)
);
--> statement-breakpoint
CREATE TABLE "client_credits" (
	"id" text PRIMARY KEY NOT NULL,
	"client_id" text NOT NULL,
	"currency" char(3) NOT NULL,
	"amount" bigint NOT NULL,
	"payment_id" text,
	"document_id" text,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deposit_applications" (
	"invoice_id" text NOT NULL,
	"deposit_id" text NOT NULL,
	"amount" bigint NOT NULL,
	CONSTRAINT "deposit_applications_invoice_id_deposit_id_pk" PRIMARY KEY("invoice_id","deposit_id")
);
--> statement-breakpoint
CREATE TABLE "document_counters" (
	"kind" text NOT NULL,
	"period" integer NOT NULL,
	"last_value" integer NOT NULL,
	CONSTRAINT "document_counters_kind_period_pk" PRIMARY KEY("kind","period")
);
--> statement-breakpoint
CREATE TABLE "document_lines" (
	"id" text PRIMARY KEY NOT NULL,
	"document_id" text NOT NULL,
	"position" integer NOT NULL,
	"description" text NOT NULL,
	"detail" text,
	"quantity" text NOT NULL,
	"unit" text DEFAULT 'item' NOT NULL,
	"unit_price" bigint NOT NULL,
	"discount_percent" text,
	"discount_amount" bigint,
	"taxes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"service_id" text,
	"booking_id" text,
	"session_date" date,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"net" bigint DEFAULT 0 NOT NULL,
	"tax_total" bigint DEFAULT 0 NOT NULL,
	"gross" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dunning_reminders" (
	"document_id" text NOT NULL,
	"step" integer NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_to" text NOT NULL,
	CONSTRAINT "dunning_reminders_document_id_step_pk" PRIMARY KEY("document_id","step")
);
--> statement-breakpoint
CREATE TABLE "exchange_rates" (
	"currency" char(3) PRIMARY KEY NOT NULL,
	"rate" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text
);
--> statement-breakpoint
CREATE TABLE "invoiced_bookings" (
	"booking_id" text PRIMARY KEY NOT NULL,
	"document_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" text PRIMARY KEY NOT NULL,
	"client_id" text NOT NULL,
	"document_id" text,
	"method" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" char(3) NOT NULL,
	"received_on" date NOT NULL,
	"reference" text,
	"note" text,
	"refund_of" text,
	"external_id" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"voided_at" timestamp with time zone,
	"void_reason" text,
	CONSTRAINT "payments_method_check" CHECK ("payments"."method" IN ('cash', 'transfer', 'card', 'cheque', 'other', 'credit', 'stripe')),
	CONSTRAINT "payments_amount_check" CHECK ("payments"."amount" <> 0)
);
--> statement-breakpoint
CREATE TABLE "services" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"unit" text NOT NULL,
	"unit_price" bigint NOT NULL,
	"currency" char(3) NOT NULL,
	"tax_rate_ids" text[] DEFAULT '{}' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "services_unit_check" CHECK ("services"."unit" IN ('hour', 'half_day', 'day', 'item')),
	CONSTRAINT "services_price_check" CHECK ("services"."unit_price" >= 0)
);
--> statement-breakpoint
CREATE TABLE "tax_rates" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"rate" text NOT NULL,
	"compound" boolean DEFAULT false NOT NULL,
	"category" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "billing_documents" ADD CONSTRAINT "billing_documents_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_credits" ADD CONSTRAINT "client_credits_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_credits" ADD CONSTRAINT "client_credits_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_credits" ADD CONSTRAINT "client_credits_document_id_billing_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."billing_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deposit_applications" ADD CONSTRAINT "deposit_applications_invoice_id_billing_documents_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."billing_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deposit_applications" ADD CONSTRAINT "deposit_applications_deposit_id_billing_documents_id_fk" FOREIGN KEY ("deposit_id") REFERENCES "public"."billing_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_lines" ADD CONSTRAINT "document_lines_document_id_billing_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."billing_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_lines" ADD CONSTRAINT "document_lines_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_lines" ADD CONSTRAINT "document_lines_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dunning_reminders" ADD CONSTRAINT "dunning_reminders_document_id_billing_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."billing_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoiced_bookings" ADD CONSTRAINT "invoiced_bookings_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoiced_bookings" ADD CONSTRAINT "invoiced_bookings_document_id_billing_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."billing_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_document_id_billing_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."billing_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_refund_of_payments_id_fk" FOREIGN KEY ("refund_of") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "billing_documents_number_idx" ON "billing_documents" USING btree ("kind","number");--> statement-breakpoint
CREATE UNIQUE INDEX "billing_documents_public_token_idx" ON "billing_documents" USING btree ("public_token_hash");--> statement-breakpoint
CREATE INDEX "billing_documents_list_idx" ON "billing_documents" USING btree ("kind","created_at" DESC NULLS FIRST,"id");--> statement-breakpoint
CREATE INDEX "billing_documents_invoices_idx" ON "billing_documents" USING btree ("created_at" DESC NULLS FIRST,"id") WHERE "billing_documents"."kind" IN ('invoice', 'deposit_invoice');--> statement-breakpoint
CREATE INDEX "billing_documents_status_idx" ON "billing_documents" USING btree ("kind","status","created_at" DESC NULLS FIRST,"id");--> statement-breakpoint
CREATE INDEX "billing_documents_client_idx" ON "billing_documents" USING btree ("client_id","kind","created_at" DESC NULLS FIRST,"id");--> statement-breakpoint
CREATE INDEX "billing_documents_number_search_idx" ON "billing_documents" USING gin (lower("number") gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "billing_documents_due_idx" ON "billing_documents" USING btree ("due_date") WHERE "billing_documents"."status" IN ('issued', 'partially_paid');--> statement-breakpoint
CREATE INDEX "billing_documents_related_idx" ON "billing_documents" USING btree ("related_document_id");--> statement-breakpoint
CREATE INDEX "client_credits_client_idx" ON "client_credits" USING btree ("client_id","currency");--> statement-breakpoint
CREATE UNIQUE INDEX "deposit_applications_deposit_idx" ON "deposit_applications" USING btree ("deposit_id");--> statement-breakpoint
CREATE INDEX "document_lines_document_idx" ON "document_lines" USING btree ("document_id","position");--> statement-breakpoint
CREATE INDEX "document_lines_booking_idx" ON "document_lines" USING btree ("booking_id");--> statement-breakpoint
CREATE INDEX "invoiced_bookings_document_idx" ON "invoiced_bookings" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "payments_document_idx" ON "payments" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "payments_refund_of_idx" ON "payments" USING btree ("refund_of");--> statement-breakpoint
CREATE INDEX "payments_client_idx" ON "payments" USING btree ("client_id","received_on" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "payments_received_idx" ON "payments" USING btree ("received_on" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE UNIQUE INDEX "payments_external_idx" ON "payments" USING btree ("external_id");--> statement-breakpoint
-- Issued documents are immutable (docs/BILLING.md, "Documents"): the application never edits them, and
-- the database refuses it too. Only the payment-side columns (status, amounts paid/credited, paid_at,
-- quote acceptance) may change once a document has left draft.
CREATE FUNCTION "billing_documents_frozen"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."status" <> 'draft' AND (
    NEW."kind", NEW."number", NEW."sequence", NEW."client_id", NEW."currency", NEW."exchange_rate",
    NEW."rounding_mode", NEW."prices_include_tax", NEW."discount_percent", NEW."discount_amount",
    NEW."issue_date", NEW."due_date", NEW."valid_until", NEW."client_snapshot", NEW."issuer_snapshot",
    NEW."subtotal", NEW."discount_total", NEW."net_total", NEW."tax_total", NEW."total",
    NEW."deposits_applied", NEW."notes", NEW."terms", NEW."title"
  ) IS DISTINCT FROM (
    OLD."kind", OLD."number", OLD."sequence", OLD."client_id", OLD."currency", OLD."exchange_rate",
    OLD."rounding_mode", OLD."prices_include_tax", OLD."discount_percent", OLD."discount_amount",
    OLD."issue_date", OLD."due_date", OLD."valid_until", OLD."client_snapshot", OLD."issuer_snapshot",
    OLD."subtotal", OLD."discount_total", OLD."net_total", OLD."tax_total", OLD."total",
    OLD."deposits_applied", OLD."notes", OLD."terms", OLD."title"
  ) THEN
    RAISE EXCEPTION 'billing document % is % and can no longer be edited', OLD."id", OLD."status"
      USING ERRCODE = 'check_violation', CONSTRAINT = 'billing_documents_frozen';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "billing_documents_frozen" BEFORE UPDATE ON "billing_documents"
  FOR EACH ROW EXECUTE FUNCTION "billing_documents_frozen"();
--> statement-breakpoint
CREATE FUNCTION "billing_documents_no_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."status" <> 'draft' THEN
    RAISE EXCEPTION 'billing document % is % and cannot be deleted', OLD."id", OLD."status"
      USING ERRCODE = 'check_violation', CONSTRAINT = 'billing_documents_frozen';
  END IF;
  RETURN OLD;
END $$;
--> statement-breakpoint
CREATE TRIGGER "billing_documents_no_delete" BEFORE DELETE ON "billing_documents"
  FOR EACH ROW EXECUTE FUNCTION "billing_documents_no_delete"();
--> statement-breakpoint
CREATE FUNCTION "document_lines_frozen"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  doc_status text;
BEGIN
  SELECT "status" INTO doc_status FROM "billing_documents"
    WHERE "id" = COALESCE(NEW."document_id", OLD."document_id");
  -- A cascade from deleting a draft finds no parent row any more: allowed.
  IF doc_status IS NOT NULL AND doc_status <> 'draft' THEN
    RAISE EXCEPTION 'the lines of an issued document can no longer be edited'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'billing_documents_frozen';
  END IF;
  RETURN COALESCE(NEW, OLD);
END $$;
--> statement-breakpoint
CREATE TRIGGER "document_lines_frozen" BEFORE INSERT OR UPDATE OR DELETE ON "document_lines"
  FOR EACH ROW EXECUTE FUNCTION "document_lines_frozen"();

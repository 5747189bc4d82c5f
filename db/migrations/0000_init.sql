CREATE TABLE "studio_profile" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"name" text NOT NULL,
	"timezone" text NOT NULL,
	"currency" char(3) NOT NULL,
	"locale" text NOT NULL,
	"country" char(2),
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE "store_credits" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"amount_cents" integer NOT NULL,
	"reason" text NOT NULL,
	"issued_by" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"sale_id" text,
	"terminal_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "store_customers" (
	"id" text PRIMARY KEY NOT NULL,
	"fields" jsonb NOT NULL,
	"applied" jsonb NOT NULL,
	"version" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "store_loyalty" (
	"source_id" text NOT NULL,
	"kind" text NOT NULL,
	"customer_id" text NOT NULL,
	"sale_id" text NOT NULL,
	"points" integer NOT NULL,
	"lines" jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"terminal_id" text NOT NULL,
	CONSTRAINT "store_loyalty_source_id_kind_pk" PRIMARY KEY("source_id","kind")
);

CREATE TABLE "commands" (
	"key" text PRIMARY KEY NOT NULL,
	"terminal_id" text NOT NULL,
	"type" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"result" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "limit_incidents" (
	"id" text PRIMARY KEY NOT NULL,
	"person_key" text NOT NULL,
	"business_day" text NOT NULL,
	"bucket" text NOT NULL,
	"limit_amount" integer NOT NULL,
	"attempted" integer NOT NULL,
	"sale_ids" jsonb NOT NULL,
	"detected_at" timestamp with time zone NOT NULL,
	"reviewed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "limit_ledger" (
	"sale_id" text NOT NULL,
	"line_id" text NOT NULL,
	"kind" text NOT NULL,
	"person_key" text NOT NULL,
	"terminal_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"business_day" text NOT NULL,
	"category" text NOT NULL,
	"net_weight_mg" integer NOT NULL,
	"thc_mg" integer NOT NULL,
	"quantity" integer NOT NULL,
	CONSTRAINT "limit_ledger_sale_id_line_id_kind_pk" PRIMARY KEY("sale_id","line_id","kind")
);
--> statement-breakpoint
CREATE TABLE "limit_reservations" (
	"sale_id" text PRIMARY KEY NOT NULL,
	"person_key" text NOT NULL,
	"terminal_id" text NOT NULL,
	"business_day" text NOT NULL,
	"items" jsonb NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pairing_codes" (
	"code_hash" text PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"used_by" text,
	"failures" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "person_aliases" (
	"alias_key" text PRIMARY KEY NOT NULL,
	"person_key" text NOT NULL,
	"terminal_id" text NOT NULL,
	"learned_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sales" (
	"id" text PRIMARY KEY NOT NULL,
	"terminal_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"business_day" text NOT NULL,
	"total_cents" bigint NOT NULL,
	"config_version" integer NOT NULL,
	"isolated" integer DEFAULT 0 NOT NULL,
	"voided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "stock_moves" (
	"key" text PRIMARY KEY NOT NULL,
	"package_label" text NOT NULL,
	"delta" bigint NOT NULL,
	"reason" text NOT NULL,
	"terminal_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "store_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"version" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "store_settings_version_positive" CHECK ("store_settings"."version" > 0)
);
--> statement-breakpoint
CREATE TABLE "terminals" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"credential_hash" text NOT NULL,
	"paired_at" timestamp with time zone NOT NULL,
	"retired_at" timestamp with time zone,
	"last_seen_at" timestamp with time zone,
	"designated" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "limit_incidents_person_day_bucket" ON "limit_incidents" USING btree ("person_key","business_day","bucket");--> statement-breakpoint
CREATE INDEX "limit_ledger_person_day_idx" ON "limit_ledger" USING btree ("person_key","business_day");--> statement-breakpoint
CREATE INDEX "limit_reservations_person_idx" ON "limit_reservations" USING btree ("person_key","status");--> statement-breakpoint
CREATE INDEX "person_aliases_person_idx" ON "person_aliases" USING btree ("person_key");--> statement-breakpoint
CREATE INDEX "sales_day_idx" ON "sales" USING btree ("business_day");--> statement-breakpoint
CREATE INDEX "stock_moves_package_idx" ON "stock_moves" USING btree ("package_label");
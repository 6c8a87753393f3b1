CREATE TABLE "metrc_connection" (
	"licence" text PRIMARY KEY NOT NULL,
	"base_url" text NOT NULL,
	"api_version" text NOT NULL,
	"vendor_key_sealed" text NOT NULL,
	"user_key_sealed" text NOT NULL,
	"enabled" boolean NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "metrc_reports" (
	"key" text PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"licence" text NOT NULL,
	"terminal_id" text NOT NULL,
	"kind" text NOT NULL,
	"aggregate_id" text NOT NULL,
	"item" jsonb NOT NULL,
	"prior_attempts" integer NOT NULL,
	"first_attempt_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"receipt_id" bigint,
	"confirmed_by_lookup" boolean DEFAULT false NOT NULL,
	"last_error" text,
	"reported_by" text,
	"job_id" text,
	"received_at" timestamp with time zone NOT NULL,
	"settled_at" timestamp with time zone,
	"resolution" text
);
--> statement-breakpoint
CREATE INDEX "metrc_reports_aggregate_idx" ON "metrc_reports" USING btree ("aggregate_id","seq");--> statement-breakpoint
CREATE INDEX "metrc_reports_status_idx" ON "metrc_reports" USING btree ("licence","status");
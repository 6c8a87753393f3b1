CREATE TABLE "order_events" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"connection_id" text NOT NULL,
	"store_id" text NOT NULL,
	"platform" text NOT NULL,
	"order_id" text NOT NULL,
	"event_id" text NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "relay_connections" (
	"id" text PRIMARY KEY NOT NULL,
	"store_id" text NOT NULL,
	"platform" text NOT NULL,
	"secret" text NOT NULL,
	"api_base" text,
	"api_key" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "relay_connections_platform" CHECK ("relay_connections"."platform" IN ('leafly', 'jane', 'greentill'))
);
--> statement-breakpoint
CREATE TABLE "relay_jobs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"connection_id" text NOT NULL,
	"order_id" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"status" text,
	"reason" text,
	"run_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"outcome" text,
	"done_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "relay_jobs_kind" CHECK ("relay_jobs"."kind" IN ('acknowledge', 'status'))
);
--> statement-breakpoint
CREATE TABLE "relay_stores" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"credential_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"retired_at" timestamp with time zone,
	CONSTRAINT "relay_stores_credential_hash_unique" UNIQUE("credential_hash")
);
--> statement-breakpoint
ALTER TABLE "order_events" ADD CONSTRAINT "order_events_connection_id_relay_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."relay_connections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_connections" ADD CONSTRAINT "relay_connections_store_id_relay_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."relay_stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_jobs" ADD CONSTRAINT "relay_jobs_connection_id_relay_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."relay_connections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "order_events_once" ON "order_events" USING btree ("platform","connection_id","order_id","event_id");--> statement-breakpoint
CREATE INDEX "order_events_store_seq" ON "order_events" USING btree ("store_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "relay_jobs_once" ON "relay_jobs" USING btree ("connection_id","order_id","kind","dedupe_key");--> statement-breakpoint
CREATE INDEX "relay_jobs_pending" ON "relay_jobs" USING btree ("done_at","run_at");
CREATE TABLE "order_claims" (
	"connection_id" text NOT NULL,
	"order_id" text NOT NULL,
	"terminal_id" text NOT NULL,
	"terminal_name" text NOT NULL,
	"action" text NOT NULL,
	"claimed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "order_claims_connection_id_order_id_pk" PRIMARY KEY("connection_id","order_id")
);
--> statement-breakpoint
CREATE TABLE "relay_connection" (
	"id" text PRIMARY KEY NOT NULL,
	"url" text NOT NULL,
	"credential_sealed" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "relay_feed" (
	"id" text PRIMARY KEY NOT NULL,
	"cursor" bigint NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "store_order_events" (
	"event_id" text PRIMARY KEY NOT NULL,
	"cursor" bigint NOT NULL,
	"connection_id" text NOT NULL,
	"order_id" text NOT NULL,
	"event" jsonb NOT NULL,
	"stored_at" timestamp with time zone NOT NULL
);

CREATE TABLE "inbound_texts" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"connection_id" text NOT NULL,
	"store_id" text NOT NULL,
	"provider" text NOT NULL,
	"message_id" text NOT NULL,
	"from_phone" text NOT NULL,
	"body" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "relay_sms_connections" (
	"id" text PRIMARY KEY NOT NULL,
	"store_id" text NOT NULL,
	"provider" text NOT NULL,
	"secret" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "relay_sms_connections_provider" CHECK ("relay_sms_connections"."provider" IN ('alpine_iq', 'gateway'))
);
--> statement-breakpoint
ALTER TABLE "inbound_texts" ADD CONSTRAINT "inbound_texts_connection_id_relay_sms_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."relay_sms_connections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_sms_connections" ADD CONSTRAINT "relay_sms_connections_store_id_relay_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."relay_stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "inbound_texts_once" ON "inbound_texts" USING btree ("connection_id","message_id");--> statement-breakpoint
CREATE INDEX "inbound_texts_store_seq" ON "inbound_texts" USING btree ("store_id","seq");
ALTER TABLE "inbound_texts" ALTER COLUMN "from_phone" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "inbound_texts" ALTER COLUMN "body" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "inbound_texts" ADD COLUMN "purged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "order_events" ADD COLUMN "contact_purged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "relay_stores" ADD COLUMN "events_taken_through" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "relay_stores" ADD COLUMN "texts_taken_through" bigint DEFAULT 0 NOT NULL;
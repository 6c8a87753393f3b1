CREATE TABLE "store_packages" (
	"tag" text PRIMARY KEY NOT NULL,
	"sku" text NOT NULL,
	"definition" jsonb NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"received_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "store_products" (
	"sku" text PRIMARY KEY NOT NULL,
	"definition" jsonb NOT NULL,
	"version" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text NOT NULL
);

CREATE TABLE "catalog_prices" (
	"sku" text PRIMARY KEY NOT NULL,
	"price_cents" bigint NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text NOT NULL
);

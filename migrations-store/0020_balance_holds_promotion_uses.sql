CREATE TABLE "balance_holds" (
	"sale_key" text PRIMARY KEY NOT NULL,
	"customer_ids" jsonb NOT NULL,
	"points" integer NOT NULL,
	"credit_cents" integer NOT NULL,
	"terminal_id" text NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "store_promotion_uses" (
	"promotion_id" text NOT NULL,
	"sale_id" text NOT NULL,
	"terminal_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "store_promotion_uses_promotion_id_sale_id_pk" PRIMARY KEY("promotion_id","sale_id")
);
--> statement-breakpoint
CREATE INDEX "balance_holds_status_idx" ON "balance_holds" USING btree ("status","expires_at");
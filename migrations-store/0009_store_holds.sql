CREATE TABLE "store_holds" (
	"id" text PRIMARY KEY NOT NULL,
	"scope" text NOT NULL,
	"package_tag" text,
	"batch" text,
	"reason" text NOT NULL,
	"placed_by" text NOT NULL,
	"placed_at" timestamp with time zone NOT NULL,
	"released_by" text,
	"released_at" timestamp with time zone,
	"release_note" text,
	"terminal_id" text NOT NULL
);

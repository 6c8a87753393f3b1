CREATE TABLE "it_incidents" (
	"id" text PRIMARY KEY NOT NULL,
	"terminal_id" text NOT NULL,
	"status" text NOT NULL,
	"reported_at" timestamp with time zone NOT NULL,
	"revision" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "it_incidents" ADD CONSTRAINT "it_incidents_terminal_id_terminals_id_fk" FOREIGN KEY ("terminal_id") REFERENCES "public"."terminals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "it_incidents_status_reported" ON "it_incidents" USING btree ("status","reported_at");
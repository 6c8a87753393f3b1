CREATE TABLE `inventory_count_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`count_id` text NOT NULL,
	`tag` text NOT NULL,
	`package_id` text,
	`counted` integer NOT NULL,
	`counted_by` text NOT NULL,
	`expected` integer,
	`recount_wanted` integer DEFAULT false NOT NULL,
	`recounted` integer DEFAULT false NOT NULL,
	`decision` text DEFAULT 'none' NOT NULL,
	`metrc_reason` text,
	`note` text,
	`decided_by` text,
	`approved_by` text,
	`decided_at` integer,
	`outbox_id` integer,
	FOREIGN KEY (`count_id`) REFERENCES `inventory_counts`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`package_id`) REFERENCES `packages`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`outbox_id`) REFERENCES `outbox`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inventory_count_lines_tag_unique` ON `inventory_count_lines` (`count_id`,`tag`);--> statement-breakpoint
CREATE TABLE `inventory_counts` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`area` text NOT NULL,
	`scope` text NOT NULL,
	`status` text NOT NULL,
	`started_by` text NOT NULL,
	`started_at` integer NOT NULL,
	`submitted_at` integer,
	`closed_by` text,
	`closed_at` integer,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `inventory_counts_store_idx` ON `inventory_counts` (`store_id`,`status`,`started_at`);
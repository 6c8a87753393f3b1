CREATE TABLE `deposits` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`denominations` text NOT NULL,
	`bag_number` text NOT NULL,
	`prepared_by` text NOT NULL,
	`verified_by` text NOT NULL,
	`business_day` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE TABLE `drawer_closes` (
	`id` text PRIMARY KEY NOT NULL,
	`session_id` text NOT NULL,
	`count` text NOT NULL,
	`counted_cash_cents` integer NOT NULL,
	`expected_cash_cents` integer NOT NULL,
	`over_short_cents` integer NOT NULL,
	`non_cash` text NOT NULL,
	`counted_by` text NOT NULL,
	`counted_at` integer NOT NULL,
	`explanation` text,
	`approved_by` text,
	`finalized_at` integer,
	FOREIGN KEY (`session_id`) REFERENCES `drawer_sessions`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `drawer_closes_session_unique` ON `drawer_closes` (`session_id`);--> statement-breakpoint
CREATE TABLE `drawer_movements` (
	`id` text PRIMARY KEY NOT NULL,
	`session_id` text NOT NULL,
	`kind` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`reason` text NOT NULL,
	`staff_id` text NOT NULL,
	`approved_by` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `drawer_sessions`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `drawer_movements_session_idx` ON `drawer_movements` (`session_id`);--> statement-breakpoint
CREATE TABLE `drawer_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`terminal_id` text NOT NULL,
	`staff_id` text NOT NULL,
	`status` text NOT NULL,
	`opening_float_cents` integer NOT NULL,
	`opening_count` text NOT NULL,
	`opened_at` integer NOT NULL,
	FOREIGN KEY (`terminal_id`) REFERENCES `terminals`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `drawer_sessions_terminal_idx` ON `drawer_sessions` (`terminal_id`,`status`);--> statement-breakpoint
ALTER TABLE `payments` ADD `drawer_session_id` text;--> statement-breakpoint
CREATE INDEX `payments_drawer_idx` ON `payments` (`drawer_session_id`);--> statement-breakpoint
ALTER TABLE `sales` ADD `drawer_session_id` text;
CREATE TABLE `opening_checks` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`terminal_id` text NOT NULL,
	`business_day` text NOT NULL,
	`ran_at` integer NOT NULL,
	`ran_by` text,
	`overall` text NOT NULL,
	`items` text NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`terminal_id`) REFERENCES `terminals`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `opening_checks_day_idx` ON `opening_checks` (`store_id`,`business_day`,`ran_at`);
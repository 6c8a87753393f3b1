CREATE TABLE `preference_options` (
	`store_id` text NOT NULL,
	`key` text NOT NULL,
	`kind` text NOT NULL,
	`label` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `preference_options_unique` ON `preference_options` (`store_id`,`key`);--> statement-breakpoint
ALTER TABLE `customers` ADD `preferences` text;
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
CREATE TABLE `email_consent_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email_lookup` text NOT NULL,
	`email_sealed` text NOT NULL,
	`action` text NOT NULL,
	`source` text NOT NULL,
	`at` integer NOT NULL,
	`proof` text NOT NULL,
	`recorded_by` text
);
--> statement-breakpoint
CREATE INDEX `email_consent_entries_email` ON `email_consent_entries` (`email_lookup`,`id`);--> statement-breakpoint
DROP INDEX `sales_customer_time_idx`;--> statement-breakpoint
CREATE INDEX `sales_customer_time_idx` ON `sales` (`customer_id`,`completed_at`,`id`);--> statement-breakpoint
ALTER TABLE `customers` ADD `phone` text;--> statement-breakpoint
ALTER TABLE `customers` ADD `phone_lookup` text;--> statement-breakpoint
ALTER TABLE `customers` ADD `email` text;--> statement-breakpoint
ALTER TABLE `customers` ADD `email_lookup` text;--> statement-breakpoint
ALTER TABLE `customers` ADD `preferences` text;--> statement-breakpoint
CREATE INDEX `customers_phone_lookup_idx` ON `customers` (`phone_lookup`);--> statement-breakpoint
CREATE INDEX `customers_email_lookup_idx` ON `customers` (`email_lookup`);--> statement-breakpoint
ALTER TABLE `sms_consent_entries` ADD `recorded_by` text;
CREATE TABLE `limit_ledger` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`store_id` text NOT NULL,
	`person_key` text,
	`customer_id` text,
	`sale_id` text NOT NULL,
	`line_id` text NOT NULL,
	`kind` text NOT NULL,
	`at` integer NOT NULL,
	`business_day` text NOT NULL,
	`category` text NOT NULL,
	`net_weight_mg` integer NOT NULL,
	`thc_mg` integer NOT NULL,
	`quantity` integer NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `limit_ledger_entry_unique` ON `limit_ledger` (`sale_id`,`line_id`,`kind`);--> statement-breakpoint
CREATE INDEX `limit_ledger_person_day_idx` ON `limit_ledger` (`person_key`,`business_day`);--> statement-breakpoint
CREATE INDEX `limit_ledger_customer_day_idx` ON `limit_ledger` (`customer_id`,`business_day`);--> statement-breakpoint
CREATE INDEX `limit_ledger_day_idx` ON `limit_ledger` (`business_day`);--> statement-breakpoint
ALTER TABLE `customers` ADD `person_key` text;--> statement-breakpoint
CREATE INDEX `customers_caregiver_for_idx` ON `customers` (`caregiver_for_id`);--> statement-breakpoint
CREATE INDEX `customers_person_idx` ON `customers` (`person_key`);--> statement-breakpoint
ALTER TABLE `id_verifications` ADD `person_key` text;--> statement-breakpoint
ALTER TABLE `id_verifications` ADD `resident` integer;--> statement-breakpoint
ALTER TABLE `id_verifications` ADD `residency_overridden_by` text;--> statement-breakpoint
ALTER TABLE `id_verifications` ADD `residency_override_reason` text;--> statement-breakpoint
ALTER TABLE `id_verifications` ADD `expiry_source` text;--> statement-breakpoint
CREATE INDEX `id_verifications_person_idx` ON `id_verifications` (`person_key`);
ALTER TABLE `customers` ADD `state_status` text;--> statement-breakpoint
ALTER TABLE `customers` ADD `state_status_at` integer;--> statement-breakpoint
ALTER TABLE `sales` ADD `reverified_at` integer;--> statement-breakpoint
CREATE INDEX `sales_offline_reverify_idx` ON `sales` (`made_offline`,`reverified_at`);
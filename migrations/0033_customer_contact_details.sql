ALTER TABLE `customers` ADD `phone` text;--> statement-breakpoint
ALTER TABLE `customers` ADD `phone_lookup` text;--> statement-breakpoint
ALTER TABLE `customers` ADD `email` text;--> statement-breakpoint
ALTER TABLE `customers` ADD `email_lookup` text;--> statement-breakpoint
CREATE INDEX `customers_phone_lookup_idx` ON `customers` (`phone_lookup`);--> statement-breakpoint
CREATE INDEX `customers_email_lookup_idx` ON `customers` (`email_lookup`);--> statement-breakpoint
ALTER TABLE `sms_consent_entries` ADD `recorded_by` text;
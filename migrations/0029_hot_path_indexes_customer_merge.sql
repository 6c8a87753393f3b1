ALTER TABLE `customers` ADD `merged_into` text;--> statement-breakpoint
CREATE INDEX `id_verifications_store_day_idx` ON `id_verifications` (`store_id`,`outcome`,`verified_at`,`issuer`);
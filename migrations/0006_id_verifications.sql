CREATE TABLE `id_verifications` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`customer_id` text,
	`sale_type` text NOT NULL,
	`method` text NOT NULL,
	`verified_by` text NOT NULL,
	`verified_at` integer NOT NULL,
	`outcome` text NOT NULL,
	`refusal_code` text,
	`issuer` text,
	`id_number_sealed` text,
	`id_number_lookup` text,
	`date_of_birth` text,
	`document_expiry` text,
	`hold` text,
	`purged_at` integer,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `id_verifications_time_idx` ON `id_verifications` (`verified_at`);--> statement-breakpoint
CREATE INDEX `id_verifications_customer_idx` ON `id_verifications` (`customer_id`);
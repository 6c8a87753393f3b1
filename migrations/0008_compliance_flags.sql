CREATE TABLE `compliance_flags` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`kind` text NOT NULL,
	`customer_id` text,
	`sale_id` text,
	`business_day` text NOT NULL,
	`details` text NOT NULL,
	`citation` text NOT NULL,
	`created_at` integer NOT NULL,
	`reviewed_at` integer,
	`reviewed_by` text,
	`resolution` text,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `compliance_flags_open_idx` ON `compliance_flags` (`reviewed_at`,`created_at`);--> statement-breakpoint
CREATE INDEX `compliance_flags_customer_day_idx` ON `compliance_flags` (`customer_id`,`business_day`,`kind`);
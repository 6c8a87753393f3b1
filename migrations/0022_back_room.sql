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
CREATE INDEX `opening_checks_day_idx` ON `opening_checks` (`store_id`,`business_day`,`ran_at`);--> statement-breakpoint
CREATE TABLE `it_incident_comments` (
	`id` text PRIMARY KEY NOT NULL,
	`incident_id` text NOT NULL,
	`staff_id` text NOT NULL,
	`at` integer NOT NULL,
	`text` text NOT NULL,
	FOREIGN KEY (`incident_id`) REFERENCES `it_incidents`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `it_incident_comments_incident_idx` ON `it_incident_comments` (`incident_id`,`at`);--> statement-breakpoint
CREATE TABLE `it_incidents` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`number` integer NOT NULL,
	`terminal_id` text NOT NULL,
	`summary` text NOT NULL,
	`description` text NOT NULL,
	`status` text NOT NULL,
	`reported_by` text NOT NULL,
	`reported_at` integer NOT NULL,
	`context` text NOT NULL,
	`closed_by` text,
	`closed_at` integer,
	`resolution` text,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`terminal_id`) REFERENCES `terminals`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`reported_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `it_incidents_store_number_unique` ON `it_incidents` (`store_id`,`number`);--> statement-breakpoint
CREATE INDEX `it_incidents_status_idx` ON `it_incidents` (`store_id`,`status`,`reported_at`);--> statement-breakpoint
CREATE TABLE `incoming_manifests` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`manifest_number` text NOT NULL,
	`metrc_transfer_id` integer NOT NULL,
	`metrc_delivery_id` integer NOT NULL,
	`shipper_license` text,
	`shipper_name` text,
	`metrc_last_modified` text,
	`downloaded_at` integer NOT NULL,
	`completed_at` integer,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `incoming_manifests_store_manifest_unique` ON `incoming_manifests` (`store_id`,`manifest_number`,`metrc_delivery_id`);--> statement-breakpoint
CREATE TABLE `incoming_packages` (
	`id` text PRIMARY KEY NOT NULL,
	`manifest_id` text NOT NULL,
	`tag` text NOT NULL,
	`metrc_package_id` integer,
	`item_name` text NOT NULL,
	`item_category` text,
	`strain` text,
	`shipped_quantity` text NOT NULL,
	`unit_of_measure` text NOT NULL,
	`lab_testing_state` text,
	`packaged_date` text,
	`product_id` text,
	`status` text NOT NULL,
	`received_quantity` integer,
	`rejection_reason` text,
	`decided_by` text,
	`decided_at` integer,
	`package_id` text,
	FOREIGN KEY (`manifest_id`) REFERENCES `incoming_manifests`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`package_id`) REFERENCES `packages`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `incoming_packages_manifest_tag_unique` ON `incoming_packages` (`manifest_id`,`tag`);--> statement-breakpoint
CREATE INDEX `incoming_packages_item_idx` ON `incoming_packages` (`item_name`);--> statement-breakpoint
CREATE TABLE `inventory_count_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`count_id` text NOT NULL,
	`tag` text NOT NULL,
	`package_id` text,
	`counted` integer NOT NULL,
	`counted_by` text NOT NULL,
	`expected` integer,
	`recount_wanted` integer DEFAULT false NOT NULL,
	`recounted` integer DEFAULT false NOT NULL,
	`decision` text DEFAULT 'none' NOT NULL,
	`metrc_reason` text,
	`note` text,
	`decided_by` text,
	`approved_by` text,
	`decided_at` integer,
	`outbox_id` integer,
	FOREIGN KEY (`count_id`) REFERENCES `inventory_counts`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`package_id`) REFERENCES `packages`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`outbox_id`) REFERENCES `outbox`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inventory_count_lines_tag_unique` ON `inventory_count_lines` (`count_id`,`tag`);--> statement-breakpoint
CREATE TABLE `inventory_counts` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`area` text NOT NULL,
	`scope` text NOT NULL,
	`status` text NOT NULL,
	`started_by` text NOT NULL,
	`started_at` integer NOT NULL,
	`submitted_at` integer,
	`closed_by` text,
	`closed_at` integer,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `inventory_counts_store_idx` ON `inventory_counts` (`store_id`,`status`,`started_at`);
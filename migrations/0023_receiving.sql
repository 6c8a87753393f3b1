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
CREATE INDEX `incoming_packages_item_idx` ON `incoming_packages` (`item_name`);
CREATE TABLE `product_holds` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`scope` text NOT NULL,
	`package_tag` text,
	`batch` text,
	`reason` text NOT NULL,
	`incident_id` text,
	`placed_by` text NOT NULL,
	`placed_at` integer NOT NULL,
	`released_by` text,
	`released_at` integer,
	`release_note` text,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`incident_id`) REFERENCES `quality_incidents`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`placed_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `product_holds_tag_idx` ON `product_holds` (`package_tag`,`released_at`);--> statement-breakpoint
CREATE INDEX `product_holds_batch_idx` ON `product_holds` (`batch`,`released_at`);--> statement-breakpoint
CREATE TABLE `quality_incident_steps` (
	`id` text PRIMARY KEY NOT NULL,
	`incident_id` text NOT NULL,
	`step` text NOT NULL,
	`note` text,
	`done_by` text NOT NULL,
	`done_at` integer NOT NULL,
	FOREIGN KEY (`incident_id`) REFERENCES `quality_incidents`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`done_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `quality_incident_steps_unique` ON `quality_incident_steps` (`incident_id`,`step`);--> statement-breakpoint
CREATE TABLE `quality_incidents` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`incident_number` text NOT NULL,
	`category` text NOT NULL,
	`customer_words` text NOT NULL,
	`customer_id` text,
	`sale_id` text,
	`sale_line_id` text,
	`package_tag` text NOT NULL,
	`product_id` text NOT NULL,
	`batch` text,
	`status` text NOT NULL,
	`resolution` text,
	`resolution_ref` text,
	`resolution_note` text,
	`opened_by` text NOT NULL,
	`opened_at` integer NOT NULL,
	`resolved_by` text,
	`resolved_at` integer,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`opened_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `quality_incidents_number_unique` ON `quality_incidents` (`store_id`,`incident_number`);--> statement-breakpoint
CREATE INDEX `quality_incidents_batch_idx` ON `quality_incidents` (`batch`);--> statement-breakpoint
CREATE INDEX `quality_incidents_product_idx` ON `quality_incidents` (`product_id`,`opened_at`);--> statement-breakpoint
CREATE TABLE `store_credits` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`incident_id` text,
	`reason` text NOT NULL,
	`issued_by` text NOT NULL,
	`issued_at` integer NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`incident_id`) REFERENCES `quality_incidents`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`issued_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `store_credits_customer_idx` ON `store_credits` (`customer_id`);--> statement-breakpoint
ALTER TABLE `packages` ADD `production_batch` text;
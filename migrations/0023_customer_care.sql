CREATE TABLE `claim_rule_additions` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`term` text NOT NULL,
	`kind` text NOT NULL,
	`citation` text NOT NULL,
	`summary` text NOT NULL,
	`verify` integer NOT NULL,
	`added_by` text NOT NULL,
	`added_at` integer NOT NULL,
	`retired_at` integer,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`added_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `claim_rule_additions_term_unique` ON `claim_rule_additions` (`store_id`,`term`);--> statement-breakpoint
CREATE TABLE `customer_note_tags` (
	`note_id` text NOT NULL,
	`tag` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`note_id`) REFERENCES `customer_notes`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customer_note_tags_unique` ON `customer_note_tags` (`note_id`,`tag`);--> statement-breakpoint
CREATE INDEX `customer_note_tags_tag_time_idx` ON `customer_note_tags` (`tag`,`created_at`);--> statement-breakpoint
CREATE TABLE `customer_notes` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`author_id` text NOT NULL,
	`channel` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	`edited_at` integer,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`author_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `customer_notes_customer_idx` ON `customer_notes` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `customer_notes_store_time_idx` ON `customer_notes` (`store_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `message_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`body` text NOT NULL,
	`updated_by` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`updated_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `message_templates_name_unique` ON `message_templates` (`store_id`,`kind`,`name`);--> statement-breakpoint
CREATE TABLE `note_tags` (
	`store_id` text NOT NULL,
	`tag` text NOT NULL,
	`label` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `note_tags_unique` ON `note_tags` (`store_id`,`tag`);--> statement-breakpoint
CREATE TABLE `cart_loyalty_redemptions` (
	`cart_id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`points` integer NOT NULL,
	`staff_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE TABLE `loyalty_ledger` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`store_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`source_id` text NOT NULL,
	`kind` text NOT NULL,
	`sale_id` text NOT NULL,
	`points` integer NOT NULL,
	`lines` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `loyalty_ledger_source_unique` ON `loyalty_ledger` (`source_id`,`kind`);--> statement-breakpoint
CREATE INDEX `loyalty_ledger_customer_idx` ON `loyalty_ledger` (`customer_id`,`at`);--> statement-breakpoint
CREATE INDEX `loyalty_ledger_sale_idx` ON `loyalty_ledger` (`sale_id`);--> statement-breakpoint
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
CREATE TABLE `lab_analytes` (
	`certificate_id` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`percent_bp` integer NOT NULL,
	FOREIGN KEY (`certificate_id`) REFERENCES `lab_certificates`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `lab_analytes_name_idx` ON `lab_analytes` (`name`,`percent_bp`);--> statement-breakpoint
CREATE INDEX `lab_analytes_certificate_idx` ON `lab_analytes` (`certificate_id`);--> statement-breakpoint
CREATE TABLE `lab_certificates` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`product_id` text NOT NULL,
	`package_tag` text,
	`lab_name` text NOT NULL,
	`tested_on` text NOT NULL,
	`batch` text,
	`contaminants_passed` integer NOT NULL,
	`coa_url` text,
	`saved_by` text NOT NULL,
	`saved_at` integer NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`saved_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `lab_certificates_product_idx` ON `lab_certificates` (`product_id`,`saved_at`);--> statement-breakpoint
CREATE INDEX `lab_certificates_package_idx` ON `lab_certificates` (`package_tag`);--> statement-breakpoint
ALTER TABLE `packages` ADD `production_batch` text;
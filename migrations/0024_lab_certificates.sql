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
CREATE INDEX `lab_certificates_package_idx` ON `lab_certificates` (`package_tag`);
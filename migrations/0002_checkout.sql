CREATE TABLE `sale_return_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`return_id` text NOT NULL,
	`sale_line_id` text NOT NULL,
	`quantity` integer NOT NULL,
	`refund_cents` integer NOT NULL,
	FOREIGN KEY (`return_id`) REFERENCES `sale_returns`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`sale_line_id`) REFERENCES `sale_lines`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `sale_return_lines_line_idx` ON `sale_return_lines` (`sale_line_id`);--> statement-breakpoint
CREATE TABLE `sale_returns` (
	`id` text PRIMARY KEY NOT NULL,
	`sale_id` text NOT NULL,
	`return_number` text NOT NULL,
	`reason` text NOT NULL,
	`disposition` text NOT NULL,
	`refund_cents` integer NOT NULL,
	`staff_id` text NOT NULL,
	`approved_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`sale_id`) REFERENCES `sales`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `sale_returns_sale_idx` ON `sale_returns` (`sale_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `sale_returns_number_unique` ON `sale_returns` (`return_number`);--> statement-breakpoint
CREATE TABLE `cart_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`cart_id` text NOT NULL,
	`line_number` integer NOT NULL,
	`product_id` text NOT NULL,
	`package_tag` text NOT NULL,
	`quantity` integer NOT NULL,
	FOREIGN KEY (`cart_id`) REFERENCES `carts`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`package_tag`) REFERENCES `packages`(`tag`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cart_lines_cart_line_unique` ON `cart_lines` (`cart_id`,`line_number`);--> statement-breakpoint
CREATE INDEX `cart_lines_package_idx` ON `cart_lines` (`package_tag`);--> statement-breakpoint
CREATE TABLE `cart_manual_discounts` (
	`id` text PRIMARY KEY NOT NULL,
	`cart_id` text NOT NULL,
	`kind` text NOT NULL,
	`value` integer NOT NULL,
	`cart_line_id` text,
	`reason` text NOT NULL,
	`reason_code` text NOT NULL,
	`approved_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`cart_id`) REFERENCES `carts`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`approved_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE TABLE `carts` (
	`id` text PRIMARY KEY NOT NULL,
	`terminal_id` text NOT NULL,
	`staff_id` text,
	`customer_id` text,
	`customer_type` text DEFAULT 'adult' NOT NULL,
	`status` text NOT NULL,
	`parked_label` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`terminal_id`) REFERENCES `terminals`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `carts_terminal_status_idx` ON `carts` (`terminal_id`,`status`);--> statement-breakpoint
CREATE TABLE `incidents` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`kind` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text NOT NULL,
	`staff_id` text,
	`description` text NOT NULL,
	`created_at` integer NOT NULL,
	`resolved_at` integer,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE TABLE `promotions` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`name` text NOT NULL,
	`definition` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE TABLE `sale_discounts` (
	`id` text PRIMARY KEY NOT NULL,
	`sale_id` text NOT NULL,
	`line_number` integer NOT NULL,
	`source` text NOT NULL,
	`promotion_id` text,
	`name` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`approved_by` text,
	`reason` text
);
--> statement-breakpoint
CREATE INDEX `sale_discounts_sale_idx` ON `sale_discounts` (`sale_id`);--> statement-breakpoint
CREATE INDEX `sale_discounts_promotion_idx` ON `sale_discounts` (`promotion_id`);--> statement-breakpoint
CREATE TABLE `sale_taxes` (
	`id` text PRIMARY KEY NOT NULL,
	`sale_id` text NOT NULL,
	`line_number` integer NOT NULL,
	`tax_id` text NOT NULL,
	`name` text NOT NULL,
	`amount_cents` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sale_taxes_sale_idx` ON `sale_taxes` (`sale_id`);--> statement-breakpoint
CREATE TABLE `tender_mode_changes` (
	`id` text PRIMARY KEY NOT NULL,
	`terminal_id` text NOT NULL,
	`cash_only` integer NOT NULL,
	`reason` text NOT NULL,
	`staff_id` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`terminal_id`) REFERENCES `terminals`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
ALTER TABLE `payments` ADD `direction` text DEFAULT 'payment' NOT NULL;--> statement-breakpoint
ALTER TABLE `payments` ADD `return_id` text;--> statement-breakpoint
ALTER TABLE `sales` ADD `made_offline` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `sales` ADD `voided_at` integer;--> statement-breakpoint
ALTER TABLE `sales` ADD `voided_by` text;--> statement-breakpoint
ALTER TABLE `sales` ADD `void_reason` text;
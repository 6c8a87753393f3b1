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
CREATE INDEX `loyalty_ledger_sale_idx` ON `loyalty_ledger` (`sale_id`);
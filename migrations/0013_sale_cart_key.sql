ALTER TABLE `sales` ADD `cart_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `sales_cart_unique` ON `sales` (`cart_id`);
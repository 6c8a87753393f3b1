CREATE TABLE `online_order_prepayments` (
	`order_id` text PRIMARY KEY NOT NULL,
	`amount_cents` integer NOT NULL,
	`reference` text NOT NULL,
	`sale_id` text,
	`register_total_cents` integer,
	`difference_cents` integer,
	FOREIGN KEY (`order_id`) REFERENCES `online_orders`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`sale_id`) REFERENCES `sales`(`id`) ON UPDATE no action ON DELETE restrict
);

CREATE TABLE `online_order_claims` (
	`connection_id` text NOT NULL,
	`platform_order_id` text NOT NULL,
	`terminal_id` text NOT NULL,
	`terminal_name` text NOT NULL,
	`action` text NOT NULL,
	`claimed_at` integer NOT NULL,
	PRIMARY KEY(`connection_id`, `platform_order_id`)
);
--> statement-breakpoint
CREATE TABLE `store_order_source` (
	`id` text PRIMARY KEY NOT NULL,
	`since` integer NOT NULL
);

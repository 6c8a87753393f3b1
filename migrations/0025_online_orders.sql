CREATE TABLE `online_order_feed` (
	`id` text PRIMARY KEY NOT NULL,
	`cursor` integer NOT NULL,
	`last_pulled_at` integer,
	`last_error` text
);
--> statement-breakpoint
CREATE TABLE `online_order_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`line_number` integer NOT NULL,
	`product_ref` text NOT NULL,
	`product_id` text,
	`name` text NOT NULL,
	`quantity` integer NOT NULL,
	`unit_price_cents` integer NOT NULL,
	`picked` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `online_orders`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `online_order_lines_line` ON `online_order_lines` (`order_id`,`line_number`);--> statement-breakpoint
CREATE TABLE `online_order_picks` (
	`id` text PRIMARY KEY NOT NULL,
	`line_id` text NOT NULL,
	`package_tag` text NOT NULL,
	`quantity` integer NOT NULL,
	`picked_at` integer NOT NULL,
	`staff_id` text,
	FOREIGN KEY (`line_id`) REFERENCES `online_order_lines`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `online_order_picks_line` ON `online_order_picks` (`line_id`);--> statement-breakpoint
CREATE TABLE `online_order_relay` (
	`id` text PRIMARY KEY NOT NULL,
	`url` text NOT NULL,
	`credential_sealed` text NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text
);
--> statement-breakpoint
CREATE TABLE `online_order_substitutions` (
	`id` text PRIMARY KEY NOT NULL,
	`line_id` text NOT NULL,
	`from_name` text NOT NULL,
	`from_product_id` text,
	`to_product_id` text NOT NULL,
	`to_name` text NOT NULL,
	`agreed_via` text NOT NULL,
	`note` text,
	`at` integer NOT NULL,
	`staff_id` text,
	FOREIGN KEY (`line_id`) REFERENCES `online_order_lines`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`from_product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`to_product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `online_order_substitutions_line` ON `online_order_substitutions` (`line_id`);--> statement-breakpoint
CREATE TABLE `online_orders` (
	`id` text PRIMARY KEY NOT NULL,
	`connection_id` text NOT NULL,
	`platform` text NOT NULL,
	`platform_order_id` text NOT NULL,
	`status` text NOT NULL,
	`customer_name` text,
	`customer_phone_sealed` text,
	`cart_id` text,
	`end_reason` text,
	`received_at` integer NOT NULL,
	`accept_by` integer NOT NULL,
	`pickup_by` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`cart_id`) REFERENCES `carts`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `online_orders_platform_order` ON `online_orders` (`connection_id`,`platform_order_id`);--> statement-breakpoint
CREATE INDEX `online_orders_status` ON `online_orders` (`status`);--> statement-breakpoint
CREATE TABLE `sms_consent_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`phone_lookup` text NOT NULL,
	`phone_sealed` text NOT NULL,
	`action` text NOT NULL,
	`kind` text,
	`written` integer NOT NULL,
	`source` text NOT NULL,
	`at` integer NOT NULL,
	`proof` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sms_consent_entries_phone` ON `sms_consent_entries` (`phone_lookup`,`id`);--> statement-breakpoint
CREATE TABLE `sms_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`phone_lookup` text NOT NULL,
	`phone_sealed` text NOT NULL,
	`kind` text NOT NULL,
	`order_platform` text,
	`recipient_time_zone` text NOT NULL,
	`recipient_state` text,
	`body` text NOT NULL,
	`status` text NOT NULL,
	`reason` text,
	`provider_message_id` text,
	`created_at` integer NOT NULL,
	`sent_at` integer
);
--> statement-breakpoint
CREATE INDEX `sms_messages_phone_sent` ON `sms_messages` (`phone_lookup`,`sent_at`);--> statement-breakpoint
CREATE TABLE `sms_provider_settings` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`url` text NOT NULL,
	`secret_sealed` text NOT NULL,
	`enabled` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text
);

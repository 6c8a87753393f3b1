CREATE TABLE `metrc_settings` (
	`store_id` text PRIMARY KEY NOT NULL,
	`base_url` text NOT NULL,
	`api_version` text DEFAULT 'v2' NOT NULL,
	`license_number` text NOT NULL,
	`vendor_key_sealed` text NOT NULL,
	`user_key_sealed` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text
);
--> statement-breakpoint
CREATE TABLE `sync_lanes` (
	`destination` text PRIMARY KEY NOT NULL,
	`last_success_at` integer,
	`last_failure_at` integer,
	`last_error` text
);
--> statement-breakpoint
ALTER TABLE `outbox` ADD `first_attempt_at` integer;--> statement-breakpoint
ALTER TABLE `outbox` ADD `resolved_by` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `resolution` text;--> statement-breakpoint
CREATE INDEX `outbox_status_idx` ON `outbox` (`status`);
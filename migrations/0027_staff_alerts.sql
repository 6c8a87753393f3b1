CREATE TABLE `staff_alert_settings` (
	`id` text PRIMARY KEY NOT NULL,
	`url` text,
	`secret_sealed` text,
	`enabled` integer NOT NULL,
	`closes_at` text NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text
);
--> statement-breakpoint
CREATE TABLE `staff_alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`title` text NOT NULL,
	`detail` text NOT NULL,
	`raised_at` integer NOT NULL,
	`acknowledged_at` integer,
	`acknowledged_by` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_alerts_once` ON `staff_alerts` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `staff_alerts_open` ON `staff_alerts` (`acknowledged_at`,`raised_at`);
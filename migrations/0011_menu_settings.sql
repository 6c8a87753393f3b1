CREATE TABLE `menu_settings` (
	`store_id` text PRIMARY KEY NOT NULL,
	`endpoint_url` text NOT NULL,
	`secret_sealed` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text
);

CREATE TABLE `store_link` (
	`id` integer PRIMARY KEY NOT NULL,
	`url` text NOT NULL,
	`server_terminal_id` text NOT NULL,
	`credential_sealed` text NOT NULL,
	`person_key_secret_sealed` text NOT NULL,
	`certificate` text NOT NULL,
	`fingerprint` text NOT NULL,
	`paired_at` integer NOT NULL,
	`isolation_policy` text,
	`config_version` integer DEFAULT 0 NOT NULL,
	`last_contact_at` integer,
	`designated` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
ALTER TABLE `sales` ADD `store_isolated` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `sales` ADD `config_version` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `id_verifications` ADD `local_person_key` text;
CREATE TABLE `email_consent_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email_lookup` text NOT NULL,
	`email_sealed` text NOT NULL,
	`action` text NOT NULL,
	`source` text NOT NULL,
	`at` integer NOT NULL,
	`proof` text NOT NULL,
	`recorded_by` text
);
--> statement-breakpoint
CREATE INDEX `email_consent_entries_email` ON `email_consent_entries` (`email_lookup`,`id`);
CREATE TABLE `approval_grants` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`command` text NOT NULL,
	`payload_hash` text NOT NULL,
	`permission` text NOT NULL,
	`terminal_id` text NOT NULL,
	`for_staff_id` text NOT NULL,
	`approved_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`terminal_id`) REFERENCES `terminals`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`for_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`approved_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `approval_grants_expiry_idx` ON `approval_grants` (`expires_at`);--> statement-breakpoint
CREATE TABLE `terminal_pin_throttle` (
	`terminal_id` text PRIMARY KEY NOT NULL,
	`state` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`terminal_id`) REFERENCES `terminals`(`id`) ON UPDATE no action ON DELETE restrict
);

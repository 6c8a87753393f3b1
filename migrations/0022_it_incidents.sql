CREATE TABLE `it_incident_comments` (
	`id` text PRIMARY KEY NOT NULL,
	`incident_id` text NOT NULL,
	`staff_id` text NOT NULL,
	`at` integer NOT NULL,
	`text` text NOT NULL,
	FOREIGN KEY (`incident_id`) REFERENCES `it_incidents`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `it_incident_comments_incident_idx` ON `it_incident_comments` (`incident_id`,`at`);--> statement-breakpoint
CREATE TABLE `it_incidents` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`number` integer NOT NULL,
	`terminal_id` text NOT NULL,
	`summary` text NOT NULL,
	`description` text NOT NULL,
	`status` text NOT NULL,
	`reported_by` text NOT NULL,
	`reported_at` integer NOT NULL,
	`context` text NOT NULL,
	`closed_by` text,
	`closed_at` integer,
	`resolution` text,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`terminal_id`) REFERENCES `terminals`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`reported_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `it_incidents_store_number_unique` ON `it_incidents` (`store_id`,`number`);--> statement-breakpoint
CREATE INDEX `it_incidents_status_idx` ON `it_incidents` (`store_id`,`status`,`reported_at`);
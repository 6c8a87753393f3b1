CREATE TABLE `qa_incident_photos` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`incident_id` text NOT NULL,
	`mime_type` text NOT NULL,
	`byte_size` integer NOT NULL,
	`sha256` text NOT NULL,
	`data` blob,
	`attached_by` text NOT NULL,
	`attached_at` integer NOT NULL,
	`removed_by` text,
	`removed_at` integer,
	`removal_reason` text,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`incident_id`) REFERENCES `quality_incidents`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`attached_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`removed_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `qa_incident_photos_incident_idx` ON `qa_incident_photos` (`incident_id`,`attached_at`);
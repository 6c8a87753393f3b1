ALTER TABLE `store_link` ADD `reads_url_sealed` text;--> statement-breakpoint
ALTER TABLE `store_link` ADD `reads_slot` text;--> statement-breakpoint
ALTER TABLE `store_link` ADD `reads_publication` text;--> statement-breakpoint
ALTER TABLE `store_link` ADD `read_lsn` text;
DROP INDEX `sales_customer_time_idx`;--> statement-breakpoint
CREATE INDEX `sales_customer_time_idx` ON `sales` (`customer_id`,`completed_at`,`id`);
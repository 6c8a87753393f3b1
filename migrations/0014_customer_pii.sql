CREATE TABLE `customer_name_tokens` (
	`customer_id` text NOT NULL,
	`token` text NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `customer_name_tokens_token_idx` ON `customer_name_tokens` (`token`,`customer_id`);
ALTER TABLE `customers` ADD `store_version` integer;--> statement-breakpoint
ALTER TABLE `loyalty_ledger` ADD `from_store` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `store_credits` ADD `from_store` integer DEFAULT false NOT NULL;
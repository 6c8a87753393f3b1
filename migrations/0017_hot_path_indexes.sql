CREATE INDEX `cart_manual_discounts_cart_idx` ON `cart_manual_discounts` (`cart_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `promotions_store_active_idx` ON `promotions` (`store_id`,`active`);--> statement-breakpoint
CREATE INDEX `tender_mode_changes_terminal_at_idx` ON `tender_mode_changes` (`terminal_id`,`at`);
CREATE TABLE `audit_head` (
	`id` integer PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL,
	`mac` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `audit_log` ADD `seal` text;--> statement-breakpoint
-- Money rows are never deleted, and a payment never changes once taken: refunds are rows of their own.
-- (Checked at every start with the audit log's own triggers; see audit/guards.ts.)
CREATE TRIGGER payments_no_update BEFORE UPDATE ON payments
BEGIN
  SELECT RAISE(ABORT, 'payments are append-only');
END;
--> statement-breakpoint
CREATE TRIGGER payments_no_delete BEFORE DELETE ON payments
BEGIN
  SELECT RAISE(ABORT, 'payments are append-only');
END;
--> statement-breakpoint
CREATE TRIGGER sales_no_delete BEFORE DELETE ON sales
BEGIN
  SELECT RAISE(ABORT, 'sales are never deleted: void them');
END;

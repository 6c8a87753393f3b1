CREATE TABLE `outbox_counts` (
	`destination` text NOT NULL,
	`status` text NOT NULL,
	`items` integer NOT NULL,
	PRIMARY KEY(`destination`, `status`)
);
--> statement-breakpoint
CREATE INDEX `outbox_lane_created_idx` ON `outbox` (`destination`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `outbox_depends_on_idx` ON `outbox` (`depends_on`);--> statement-breakpoint
-- Written by hand: the counts follow every write to the outbox, whoever makes it, in its own transaction.
CREATE TRIGGER outbox_counts_insert AFTER INSERT ON outbox
BEGIN
  INSERT INTO outbox_counts (destination, status, items) VALUES (NEW.destination, NEW.status, 1)
  ON CONFLICT (destination, status) DO UPDATE SET items = items + 1;
END;
--> statement-breakpoint
CREATE TRIGGER outbox_counts_update AFTER UPDATE OF destination, status ON outbox
WHEN OLD.destination IS NOT NEW.destination OR OLD.status IS NOT NEW.status
BEGIN
  UPDATE outbox_counts SET items = items - 1 WHERE destination = OLD.destination AND status = OLD.status;
  INSERT INTO outbox_counts (destination, status, items) VALUES (NEW.destination, NEW.status, 1)
  ON CONFLICT (destination, status) DO UPDATE SET items = items + 1;
END;
--> statement-breakpoint
CREATE TRIGGER outbox_counts_delete AFTER DELETE ON outbox
BEGIN
  UPDATE outbox_counts SET items = items - 1 WHERE destination = OLD.destination AND status = OLD.status;
END;
--> statement-breakpoint
INSERT INTO outbox_counts (destination, status, items) SELECT destination, status, count(*) FROM outbox GROUP BY destination, status;

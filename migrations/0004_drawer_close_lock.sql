-- A finalised drawer close is a record of what was counted: it can never be edited.
CREATE TRIGGER drawer_closes_locked BEFORE UPDATE ON drawer_closes
WHEN OLD.finalized_at IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'drawer close is locked');
END;
--> statement-breakpoint
CREATE TRIGGER drawer_closes_no_delete BEFORE DELETE ON drawer_closes
BEGIN
  SELECT RAISE(ABORT, 'drawer closes are never deleted');
END;

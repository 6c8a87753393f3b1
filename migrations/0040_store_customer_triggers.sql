-- A store's customers are the store's (issue #20): what a register writes to a customer's record, a loyalty
-- ledger row or a store credit row goes to the store server on the store lane, in the transaction of the write —
-- from every path that writes one (check-in, the profile, a merge, a sale, a return, a quality resolution), present
-- and future, without each having to remember. Only while the register is paired (a store_link row). The item names
-- what changed; the store lane reads the row when it sends, seals it with the store's customer key and sends it
-- (features/store-link/store-customers.ts). What the store's read path writes is not sent back: it moves
-- customers.store_version, or marks the ledger row from_store. Hand-written: drizzle-kit does not write triggers.
CREATE TRIGGER customers_to_store_insert AFTER INSERT ON customers
WHEN new.store_version IS NULL AND EXISTS (SELECT 1 FROM store_link)
BEGIN
  INSERT INTO outbox (destination, kind, aggregate_id, payload, next_attempt_at, created_at, updated_at)
  VALUES ('store', 'store.customer', new.id, json_object('customerId', new.id, 'change', lower(hex(randomblob(16))), 'fields', json_array('customer_type', 'first_name', 'last_name', 'date_of_birth', 'resident', 'medical_registration', 'medical_expiry', 'caregiver_for_id', 'person_key', 'loyalty_tier', 'groups', 'created_at', 'merged_into', 'phone', 'email', 'preferences')), 0, CAST(unixepoch('subsec') * 1000 AS INTEGER), CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
-- A change names only the fields it changed: the store takes a record field by field, so two registers changing
-- different fields of one customer at once both stand.
CREATE TRIGGER customers_to_store_update AFTER UPDATE ON customers
WHEN new.store_version IS old.store_version AND EXISTS (SELECT 1 FROM store_link) AND (new.customer_type IS NOT old.customer_type OR new.first_name IS NOT old.first_name OR new.last_name IS NOT old.last_name OR new.date_of_birth IS NOT old.date_of_birth OR new.resident IS NOT old.resident OR new.medical_registration IS NOT old.medical_registration OR new.medical_expiry IS NOT old.medical_expiry OR new.caregiver_for_id IS NOT old.caregiver_for_id OR new.person_key IS NOT old.person_key OR new.loyalty_tier IS NOT old.loyalty_tier OR new.groups IS NOT old.groups OR new.created_at IS NOT old.created_at OR new.merged_into IS NOT old.merged_into OR new.phone IS NOT old.phone OR new.email IS NOT old.email OR new.preferences IS NOT old.preferences)
BEGIN
  INSERT INTO outbox (destination, kind, aggregate_id, payload, next_attempt_at, created_at, updated_at)
  VALUES ('store', 'store.customer', new.id, json_object('customerId', new.id, 'change', lower(hex(randomblob(16))), 'fields', json((
    SELECT json_group_array(field) FROM (
      SELECT 'customer_type' AS field WHERE new.customer_type IS NOT old.customer_type
      UNION ALL SELECT 'first_name' WHERE new.first_name IS NOT old.first_name
      UNION ALL SELECT 'last_name' WHERE new.last_name IS NOT old.last_name
      UNION ALL SELECT 'date_of_birth' WHERE new.date_of_birth IS NOT old.date_of_birth
      UNION ALL SELECT 'resident' WHERE new.resident IS NOT old.resident
      UNION ALL SELECT 'medical_registration' WHERE new.medical_registration IS NOT old.medical_registration
      UNION ALL SELECT 'medical_expiry' WHERE new.medical_expiry IS NOT old.medical_expiry
      UNION ALL SELECT 'caregiver_for_id' WHERE new.caregiver_for_id IS NOT old.caregiver_for_id
      UNION ALL SELECT 'person_key' WHERE new.person_key IS NOT old.person_key
      UNION ALL SELECT 'loyalty_tier' WHERE new.loyalty_tier IS NOT old.loyalty_tier
      UNION ALL SELECT 'groups' WHERE new.groups IS NOT old.groups
      UNION ALL SELECT 'created_at' WHERE new.created_at IS NOT old.created_at
      UNION ALL SELECT 'merged_into' WHERE new.merged_into IS NOT old.merged_into
      UNION ALL SELECT 'phone' WHERE new.phone IS NOT old.phone
      UNION ALL SELECT 'email' WHERE new.email IS NOT old.email
      UNION ALL SELECT 'preferences' WHERE new.preferences IS NOT old.preferences
    )
  ))), 0, CAST(unixepoch('subsec') * 1000 AS INTEGER), CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER loyalty_ledger_to_store AFTER INSERT ON loyalty_ledger
WHEN new.from_store = 0 AND EXISTS (SELECT 1 FROM store_link)
BEGIN
  INSERT INTO outbox (destination, kind, aggregate_id, payload, next_attempt_at, created_at, updated_at)
  VALUES ('store', 'store.loyalty', new.customer_id, json_object('entryId', new.id), 0, CAST(unixepoch('subsec') * 1000 AS INTEGER), CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER store_credits_to_store AFTER INSERT ON store_credits
WHEN new.from_store = 0 AND EXISTS (SELECT 1 FROM store_link)
BEGIN
  INSERT INTO outbox (destination, kind, aggregate_id, payload, next_attempt_at, created_at, updated_at)
  VALUES ('store', 'store.credit', new.customer_id, json_object('creditId', new.id), 0, CAST(unixepoch('subsec') * 1000 AS INTEGER), CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;

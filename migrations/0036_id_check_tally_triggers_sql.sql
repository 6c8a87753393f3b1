-- Keeps id_check_tallies (schema/check-in.ts) exact under every write to id_verifications (issue #18):
-- an accepted check adds one to its store's quarter hour of UTC, and to the out-of-state count when
-- its issuer is not the store's state (the same test as the count it replaces, compliance/out-of-state.ts).
-- Hand-written: drizzle-kit does not write triggers.
CREATE TRIGGER id_check_tally_insert AFTER INSERT ON id_verifications WHEN new.outcome = 'accepted'
BEGIN
  INSERT INTO id_check_tallies (store_id, quarter_hour, checks, out_of_state)
  VALUES (
    new.store_id,
    new.verified_at / 900000,
    1,
    CASE WHEN new.issuer IS NOT NULL AND upper(new.issuer) <> (SELECT state FROM stores WHERE id = new.store_id) THEN 1 ELSE 0 END
  )
  ON CONFLICT (store_id, quarter_hour) DO UPDATE SET checks = checks + 1, out_of_state = out_of_state + excluded.out_of_state;
END;
--> statement-breakpoint
CREATE TRIGGER id_check_tally_delete AFTER DELETE ON id_verifications WHEN old.outcome = 'accepted'
BEGIN
  UPDATE id_check_tallies
  SET
    checks = checks - 1,
    out_of_state = out_of_state - CASE WHEN old.issuer IS NOT NULL AND upper(old.issuer) <> (SELECT state FROM stores WHERE id = old.store_id) THEN 1 ELSE 0 END
  WHERE store_id = old.store_id AND quarter_hour = old.verified_at / 900000;
END;
--> statement-breakpoint
-- A change to what the tally counts by is the old row taken out and the new one put in.
CREATE TRIGGER id_check_tally_update AFTER UPDATE OF outcome, issuer, verified_at, store_id ON id_verifications
BEGIN
  UPDATE id_check_tallies
  SET
    checks = checks - 1,
    out_of_state = out_of_state - CASE WHEN old.issuer IS NOT NULL AND upper(old.issuer) <> (SELECT state FROM stores WHERE id = old.store_id) THEN 1 ELSE 0 END
  WHERE old.outcome = 'accepted' AND store_id = old.store_id AND quarter_hour = old.verified_at / 900000;
  INSERT INTO id_check_tallies (store_id, quarter_hour, checks, out_of_state)
  SELECT
    new.store_id,
    new.verified_at / 900000,
    1,
    CASE WHEN new.issuer IS NOT NULL AND upper(new.issuer) <> (SELECT state FROM stores WHERE id = new.store_id) THEN 1 ELSE 0 END
  WHERE new.outcome = 'accepted'
  ON CONFLICT (store_id, quarter_hour) DO UPDATE SET checks = checks + 1, out_of_state = out_of_state + excluded.out_of_state;
END;
--> statement-breakpoint
-- The checks already recorded.
INSERT INTO id_check_tallies (store_id, quarter_hour, checks, out_of_state)
SELECT
  v.store_id,
  v.verified_at / 900000,
  count(*),
  coalesce(sum(CASE WHEN v.issuer IS NOT NULL AND upper(v.issuer) <> s.state THEN 1 ELSE 0 END), 0)
FROM id_verifications v
JOIN stores s ON s.id = v.store_id
WHERE v.outcome = 'accepted'
GROUP BY v.store_id, v.verified_at / 900000;

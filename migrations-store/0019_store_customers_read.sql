-- Written by hand: the store's customers, their loyalty points and store credit join the read path, so a customer is
-- known, and their balances are the same, at every register (issue #20).
ALTER PUBLICATION greentill_reads ADD TABLE store_customers, store_loyalty, store_credits;

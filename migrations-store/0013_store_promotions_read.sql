-- Written by hand: the store's promotions join the read path, so every register prices with them (issue #20).
ALTER PUBLICATION greentill_reads ADD TABLE store_promotions;

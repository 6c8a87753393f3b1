-- Written by hand: the staff roster joins the read path, so every register reads the store's staff and their PIN hashes (issue #20).
ALTER PUBLICATION greentill_reads ADD TABLE store_staff;

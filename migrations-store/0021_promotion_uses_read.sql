-- Written by hand: which sale applied which promotion joins the read path, so every register counts every register's uses
-- against a promotion's usage limit (issue #20). Balance holds are the server's own: not published.
ALTER PUBLICATION greentill_reads ADD TABLE store_promotion_uses;

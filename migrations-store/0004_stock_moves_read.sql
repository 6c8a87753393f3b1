-- Written by hand: stock moves (deltas per package, from every register) join the read path,
-- so each register applies the other registers' moves to its own shelves (issue #20).
ALTER PUBLICATION greentill_reads ADD TABLE stock_moves;

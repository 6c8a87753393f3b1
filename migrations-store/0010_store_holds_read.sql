-- Written by hand: quality holds join the read path, so what is held at one register is refused at every register (issue #20).
ALTER PUBLICATION greentill_reads ADD TABLE store_holds;

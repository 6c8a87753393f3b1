-- Written by hand: products and packages received at any register join the read path, so every register can sell them (issue #20).
ALTER PUBLICATION greentill_reads ADD TABLE store_products, store_packages;

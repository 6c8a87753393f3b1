-- Written by hand: the order events the store pulled from the relay, and which register took each order, join the read path (issue #21). The relay credential is not published.
ALTER PUBLICATION greentill_reads ADD TABLE store_order_events, order_claims;

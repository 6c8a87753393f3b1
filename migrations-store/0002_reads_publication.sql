-- Written by hand: what registers read from the store server, through PostgreSQL's logical replication.
-- Each register subscribes with its own slot (made at pairing, dropped at retirement).
CREATE PUBLICATION greentill_reads FOR TABLE catalog_prices;

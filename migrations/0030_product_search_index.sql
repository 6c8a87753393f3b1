-- The catalog search's index (issue #18): walked alone, in name order, it answers whether each
-- product holds every typed word without reading the product row. The expression must stay
-- exactly productSearchText in src/main/platform/db/schema/catalog.ts (drizzle-kit cannot write
-- it: it splits an expression at its commas); test/main/features/catalog/search-plan.test.ts
-- fails if the search stops reading this index alone.
CREATE INDEX `products_search_idx` ON `products` (`store_id`, `active`, `name`, `id`, lower("name" || char(10) || "brand" || char(10) || coalesce("strain", '') || char(10) || "sku"), `upc`, `category`);

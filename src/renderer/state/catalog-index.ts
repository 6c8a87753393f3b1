import type { CatalogIndexItem } from '../../shared/contract/catalog';
import { SearchIndex, SearchIndexBuilder, type SearchOptions } from '../../shared/search/fuzzy';
import { categoryLabels } from '../category-labels';

/** The store's whole catalog, in memory, searched on every keystroke. */
export type CatalogIndex = SearchIndex<CatalogIndexItem>;

/** Name first; brand, strain and category label next; SKU, UPC and package tags as codes. */
const catalogSearch: SearchOptions<CatalogIndexItem> = {
  key: (item) => item.productId,
  fields: (item) => ({
    title: item.name,
    keywords: [item.brand, item.strain, categoryLabels[item.category]],
    codes: [item.sku, item.upc, ...item.packageTags],
  }),
};

/** Takes the catalog a page at a time; `build('title')` orders it by name for browsing. */
export function catalogIndexBuilder(): SearchIndexBuilder<CatalogIndexItem> {
  return new SearchIndexBuilder(catalogSearch);
}

export function buildCatalogIndex(items: readonly CatalogIndexItem[]): CatalogIndex {
  return SearchIndex.build(items, catalogSearch, 'title');
}

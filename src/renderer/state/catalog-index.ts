import type { CatalogIndexItem } from '../../shared/contract/catalog';
import { SearchIndexBuilder, type SearchIndex, type SearchOptions } from '../../shared/search/fuzzy';
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

/**
 * Work per slice while the index is built in the background: a scan or a
 * keystroke arriving meanwhile waits at most about this long (plus one
 * unit of work: 250 products prepared, a page gathered).
 */
export const BUILD_SLICE_MS = 3;
const ADD_CHUNK = 250;

/** Takes the catalog a page at a time; `build('title')` orders it by name for browsing. */
export function catalogIndexBuilder(): SearchIndexBuilder<CatalogIndexItem> {
  return new SearchIndexBuilder(catalogSearch);
}

/** Prepares `items` for the index a chunk at a time, yielding to the browser between chunks. */
export async function addInSlices(
  builder: SearchIndexBuilder<CatalogIndexItem>,
  items: readonly CatalogIndexItem[],
  yieldToBrowser: () => Promise<void>,
): Promise<void> {
  for (let at = 0; at < items.length; at += ADD_CHUNK) {
    if (at > 0) await yieldToBrowser();
    builder.add(items.slice(at, at + ADD_CHUNK));
  }
}

/** The index, ordered by name, assembled in slices of `BUILD_SLICE_MS` between which the browser handles input and paints. */
export async function assembleInSlices(builder: SearchIndexBuilder<CatalogIndexItem>, yieldToBrowser: () => Promise<void>): Promise<CatalogIndex> {
  const assembly = builder.finish('title');
  for (;;) {
    await yieldToBrowser();
    const index = assembly.step(performance.now() + BUILD_SLICE_MS);
    if (index !== null) return index;
  }
}

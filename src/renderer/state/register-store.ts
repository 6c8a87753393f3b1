import { create } from 'zustand';
import type { CatalogItem } from '../../shared/contract/catalog';
import type { StoreInfo } from '../../shared/contract/store';
import type { AppErrorValue } from '../../shared/errors';
import { send } from '../transport';
import { catalogIndexBuilder, type CatalogIndex } from './catalog-index';

/**
 * Products per `catalog-index` page: small enough that neither the core
 * answering a page nor the register preparing it for search holds anything
 * up for more than a few milliseconds (a scan queued behind it, a keystroke).
 */
const INDEX_PAGE = 1000;

interface RegisterState {
  readonly storeInfo: StoreInfo | null;
  readonly searchText: string;
  /** The current search's results, best first. */
  readonly catalog: readonly CatalogItem[];
  readonly catalogTotal: number;
  readonly loading: boolean;
  readonly error: AppErrorValue | null;
  /**
   * The store's whole catalog, searched right here as the budtender types;
   * null until it has loaded, and meanwhile the core searches.
   */
  readonly catalogIndex: CatalogIndex | null;
  /** When the index was loaded in full (ms since the epoch; 0 for never). */
  readonly catalogIndexLoadedAt: number;
  readonly loadStore: () => Promise<void>;
  readonly search: (text: string) => Promise<void>;
  /** Loads the whole catalog in pages, in the background; skipped while the one held is younger than `maxAgeMs`. */
  readonly loadCatalogIndex: (options?: { readonly maxAgeMs?: number }) => Promise<void>;
  /** Fetches these products again (stock after a sale) and swaps them into the index. */
  readonly refreshStock: (productIds: readonly string[]) => Promise<void>;
  /** Searches this index from now on (what a load ends with; the performance harness uses it directly). */
  readonly installCatalogIndex: (index: CatalogIndex) => void;
}

/** Answers can arrive out of order while typing; only the newest search may land. */
let searchSerial = 0;
/** The full load under way, if any: callers share it. */
let indexLoad: Promise<void> | null = null;

export const useRegister = create<RegisterState>((set, get) => ({
  storeInfo: null,
  searchText: '',
  catalog: [],
  catalogTotal: 0,
  loading: false,
  error: null,
  catalogIndex: null,
  catalogIndexLoadedAt: 0,

  loadStore: async () => {
    const result = await send('store-get', {});
    set(result.ok ? { storeInfo: result.value, error: null } : { error: result.error });
  },

  search: async (text) => {
    const serial = ++searchSerial;
    const index = get().catalogIndex;
    if (index !== null) {
      // Synchronous: the results land in the same render as the keystroke that asked.
      const found = index.search(text);
      set({ searchText: text, catalog: found.items, catalogTotal: found.total, loading: false, error: null });
      return;
    }
    set({ searchText: text, loading: true });
    const result = await send('catalog-search', { text, limit: 200 });
    if (serial !== searchSerial) return;
    set(
      result.ok
        ? { catalog: result.value.items, catalogTotal: result.value.total, loading: false, error: null }
        : { loading: false, error: result.error },
    );
  },

  loadCatalogIndex: async (options = {}) => {
    const { catalogIndex, catalogIndexLoadedAt } = get();
    if (catalogIndex !== null && options.maxAgeMs !== undefined && Date.now() - catalogIndexLoadedAt < options.maxAgeMs) return;
    indexLoad ??= loadWholeCatalog().finally(() => {
      indexLoad = null;
    });
    await indexLoad;
  },

  refreshStock: async (productIds) => {
    const ids = [...new Set(productIds)].slice(0, 500);
    if (ids.length === 0) return;
    // A full load under way may have read these products before the sale: patch what it ends with.
    if (indexLoad !== null) await indexLoad;
    if (get().catalogIndex === null) return;
    const result = await send('catalog-index', { productIds: ids });
    const index = get().catalogIndex;
    if (!result.ok || index === null) return;
    const returned = new Set(result.value.items.map((item) => item.productId));
    // A product not returned has gone inactive since: it leaves the index.
    get().installCatalogIndex(index.update(result.value.items, ids.filter((id) => !returned.has(id))));
  },

  installCatalogIndex: (index) => {
    // Whatever the core was still answering is older than this.
    searchSerial += 1;
    const found = index.search(get().searchText);
    set({ catalogIndex: index, catalog: found.items, catalogTotal: found.total, loading: false });
  },
}));

/**
 * The whole catalog, page by page, each page prepared for searching as it
 * arrives; the index takes over only once complete. A page that fails
 * leaves the index as it was (the core keeps answering searches).
 */
async function loadWholeCatalog(): Promise<void> {
  const builder = catalogIndexBuilder();
  for (let offset = 0; ; offset += INDEX_PAGE) {
    const page = await send('catalog-index', { offset, limit: INDEX_PAGE });
    if (!page.ok) return;
    builder.add(page.value.items);
    if (page.value.items.length < INDEX_PAGE || offset + INDEX_PAGE >= page.value.total) break;
  }
  useRegister.setState({ catalogIndexLoadedAt: Date.now() });
  useRegister.getState().installCatalogIndex(builder.build('title'));
}

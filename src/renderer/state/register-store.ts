import { create } from 'zustand';
import type { CatalogItem } from '../../shared/contract/catalog';
import type { StoreInfo } from '../../shared/contract/store';
import type { AppErrorValue } from '../../shared/errors';
import { send } from '../transport';
import { nextFrame, nextTask } from './browser-yield';
import { addInSlices, assembleInSlices, catalogIndexBuilder, type CatalogIndex } from './catalog-index';

/**
 * Products per `catalog-index` page: small enough that neither the core
 * answering a page nor the register preparing it for search holds anything
 * up for more than a few milliseconds (a scan queued behind it, a keystroke).
 */
const INDEX_PAGE = 1000;

/**
 * Search work a keystroke may do before its frame paints: with React's
 * commit and the browser's style, layout and paint it stays inside one
 * frame (16.7 ms). A search that needs longer (a first letter or a run of
 * a tag's zeros matches most of 50,000 products) goes on in slices of the
 * same size between frames, the typed character and the previous results
 * on screen meanwhile; a newer keystroke drops it.
 */
export const SEARCH_SLICE_MS = 3;

interface RegisterState {
  readonly storeInfo: StoreInfo | null;
  readonly searchText: string;
  /** The current search's results, best first. */
  readonly catalog: readonly CatalogItem[];
  readonly catalogTotal: number;
  /** The core's search counted only up to its cap: there are more than `catalogTotal`. */
  readonly catalogMore: boolean;
  /** The results shown are for `searchText`; a newer search is under way (see SEARCH_SLICE_MS). */
  readonly searching: boolean;
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
/** What the newest search asked for: what a new index is searched for when it takes over. */
let requestedText = '';
/** The full load under way, if any: callers share it. */
let indexLoad: Promise<void> | null = null;

export const useRegister = create<RegisterState>((set, get) => ({
  storeInfo: null,
  searchText: '',
  catalog: [],
  catalogTotal: 0,
  catalogMore: false,
  searching: false,
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
    requestedText = text;
    const index = get().catalogIndex;
    if (index !== null) {
      const job = index.begin(text);
      // Most searches finish here: their results land in the same render as the keystroke that asked.
      let found = job.step(performance.now() + SEARCH_SLICE_MS);
      if (found === null) {
        set({ searching: true });
        // The keystroke's own frame first: the typed character shows before the search goes on.
        await nextFrame();
      }
      while (found === null) {
        await nextTask();
        if (serial !== searchSerial) return;
        found = job.step(performance.now() + SEARCH_SLICE_MS);
      }
      set({ searchText: text, catalog: found.items, catalogTotal: found.total, catalogMore: false, searching: false, loading: false, error: null });
      return;
    }
    set({ searchText: text, loading: true });
    const result = await send('catalog-search', { text, limit: 200 });
    if (serial !== searchSerial) return;
    set(
      result.ok
        ? { catalog: result.value.items, catalogTotal: result.value.total, catalogMore: result.value.more, loading: false, error: null }
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
    get().installCatalogIndex(
      index.update(
        result.value.items,
        ids.filter((id) => !returned.has(id)),
      ),
    );
  },

  installCatalogIndex: (index) => {
    // Whatever the core was still answering is older than this.
    searchSerial += 1;
    const found = index.search(requestedText);
    set({
      catalogIndex: index,
      searchText: requestedText,
      catalog: found.items,
      catalogTotal: found.total,
      catalogMore: false,
      searching: false,
      loading: false,
    });
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
    await addInSlices(builder, page.value.items, nextTask);
    if (page.value.items.length < INDEX_PAGE || offset + INDEX_PAGE >= page.value.total) break;
  }
  const index = await assembleInSlices(builder, nextTask);
  useRegister.setState({ catalogIndexLoadedAt: Date.now() });
  useRegister.getState().installCatalogIndex(index);
}

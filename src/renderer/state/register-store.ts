import { create } from 'zustand';
import type { CatalogItem } from '../../shared/contract/catalog';
import type { StoreInfo } from '../../shared/contract/store';
import type { AppErrorValue } from '../../shared/errors';
import { send } from '../transport';

interface RegisterState {
  readonly storeInfo: StoreInfo | null;
  readonly searchText: string;
  readonly catalog: readonly CatalogItem[];
  readonly catalogTotal: number;
  readonly loading: boolean;
  readonly error: AppErrorValue | null;
  readonly loadStore: () => Promise<void>;
  readonly search: (text: string) => Promise<void>;
}

/** Answers can arrive out of order while typing; only the newest search may land. */
let searchSerial = 0;

export const useRegister = create<RegisterState>((set) => ({
  storeInfo: null,
  searchText: '',
  catalog: [],
  catalogTotal: 0,
  loading: false,
  error: null,

  loadStore: async () => {
    const result = await send('store-get', {});
    set(result.ok ? { storeInfo: result.value, error: null } : { error: result.error });
  },

  search: async (text) => {
    const serial = ++searchSerial;
    set({ searchText: text, loading: true });
    const result = await send('catalog-search', { text, limit: 200 });
    if (serial !== searchSerial) return;
    set(
      result.ok
        ? { catalog: result.value.items, catalogTotal: result.value.total, loading: false, error: null }
        : { loading: false, error: result.error },
    );
  },
}));

import { create } from 'zustand';

/**
 * A product (for the cart), a licence (for check-in), a receipt's sale number (Returns, Care), a package
 * tag for a stock count (Back room), or a package tag on the Care screen.
 */
export type ScanKind = 'id' | 'product' | 'sale' | 'count' | 'package';

export interface PendingScan {
  /** Increases with every scan, so the same barcode scanned twice counts twice. */
  readonly id: number;
  readonly data: string;
  readonly kind: ScanKind;
}

interface ScanState {
  /** A scan that arrived outside the scan box (hardware scanner, wedge elsewhere), for checkout to take. */
  readonly pending: PendingScan | null;
  readonly deliver: (data: string, kind: ScanKind) => void;
  /** Checkout took it. */
  readonly taken: (id: number) => void;
}

let next = 0;

/** Scans on their way to the screen that takes them: products to the cart, licences to check-in, receipts to Returns. */
export const useScans = create<ScanState>((set, get) => ({
  pending: null,
  deliver: (data, kind) => {
    next += 1;
    set({ pending: { id: next, data, kind } });
  },
  taken: (id) => {
    if (get().pending?.id === id) set({ pending: null });
  },
}));

import { describe, expect, it } from 'vitest';
import type { CatalogIndexItem } from '../../src/shared/contract/catalog';
import { centsFromDigits } from '../../src/renderer/money-input';
import { ScanBoxBurst } from '../../src/renderer/scanning/scan-box-burst';
import { scanBoxEntry } from '../../src/renderer/screens/scan-box-entry';
import { screensFor } from '../../src/renderer/screens/screen-access';

/** Types `text` into a box holding `value` from `at` ms, `gap` ms a key; answers the box's value and the time of the last key. */
function type(burst: ScanBoxBurst, value: string, text: string, at: number, gap: number): { value: string; at: number } {
  let box = value;
  let time = at;
  for (const character of text) {
    burst.character(box, time);
    box += character;
    time += gap;
  }
  return { value: box, at: time - gap };
}

describe('the scan box: what a scanner typed after leftover text', () => {
  it('takes the scan alone when it follows text left in the box', () => {
    const burst = new ScanBoxBurst();
    const typed = type(burst, '', 'house', 0, 120);
    const scanned = type(burst, typed.value, '850000010000', typed.at + 2_000, 4);
    expect(burst.take(scanned.value, scanned.at + 5)).toBe('850000010000');
  });

  it('keeps what a person typed, and a whole scan into an empty box', () => {
    const burst = new ScanBoxBurst();
    const typed = type(burst, '', 'gt-0001', 0, 90);
    expect(burst.take(typed.value, typed.at + 100)).toBe('gt-0001');
    const scanned = type(burst, '', '850000010000', 5_000, 4);
    expect(burst.take(scanned.value, scanned.at + 4)).toBe('850000010000');
  });

  it('never cuts a scan in two at a short pause (a busy machine)', () => {
    const burst = new ScanBoxBurst();
    const first = type(burst, '', '8', 0, 4);
    const rest = type(burst, first.value, '50000010338', first.at + 60, 4);
    expect(burst.take(rest.value, rest.at + 4)).toBe('850000010338');
  });

  it('leaves the text alone once the person edits it (Backspace, arrows)', () => {
    const burst = new ScanBoxBurst();
    const typed = type(burst, '', 'house', 0, 4);
    burst.interrupt();
    expect(burst.take(typed.value, typed.at + 500)).toBe('house');
  });
});

const item = (sku: string, upc: string | null, tags: string[] = []): CatalogIndexItem => ({
  productId: sku,
  sku,
  upc,
  name: `Product ${sku}`,
  brand: 'Brand',
  strain: null,
  category: 'flower',
  sellingMode: 'each',
  priceCents: 100,
  netWeightMg: 1000,
  thcPercentBp: null,
  thcMg: 0,
  piecesPerUnit: null,
  imageId: null,
  available: 1,
  sellablePackages: 1,
  packageTags: tags,
});

describe('Enter in the scan box: a code for the cart, or a name to search', () => {
  const catalog = [item('GT-0001', '850000010000', ['1A4060300003C25000000001']), item('GT-0002', null)];

  it('finds a SKU whatever its case, and sends the product’s own', () => {
    expect(scanBoxEntry('gt-0001', catalog, 1)).toEqual({ kind: 'code', code: 'GT-0001' });
  });

  it('sends UPCs, tags and digits as codes (the core names what is wrong with them)', () => {
    expect(scanBoxEntry('850000010000', catalog, 1)).toEqual({ kind: 'code', code: '850000010000' });
    expect(scanBoxEntry('1a4060300003c25000000001', catalog, 0)).toEqual({ kind: 'code', code: '1a4060300003c25000000001' });
    expect(scanBoxEntry('850000010001', catalog, 0)).toEqual({ kind: 'code', code: '850000010001' });
  });

  it('treats a name as a search, with or without spaces', () => {
    expect(scanBoxEntry('sour diesel', catalog, 3)).toEqual({ kind: 'search' });
    expect(scanBoxEntry('house', catalog, 1)).toEqual({ kind: 'search' });
  });

  it('lets the core answer a word that finds nothing, or any word before the catalog has loaded', () => {
    expect(scanBoxEntry('XYZ-9', catalog, 0)).toEqual({ kind: 'code', code: 'XYZ-9' });
    expect(scanBoxEntry('house', null, 0)).toEqual({ kind: 'code', code: 'house' });
  });
});

describe('the cash keypad', () => {
  it('fills from the right in whole cents', () => {
    expect(centsFromDigits('50000')).toBe(50_000);
    expect(centsFromDigits('500.005')).toBe(500_005);
    expect(centsFromDigits('0.0')).toBe(0);
    expect(centsFromDigits('')).toBe(0);
    expect(centsFromDigits('999999999')).toBe(9_999_999);
  });
});

describe('screens by role', () => {
  it('shows a budtender checkout, drawer, returns, sync and online orders, not reports or compliance', () => {
    expect(screensFor(['sale.ring', 'drawer.open']).map((s) => s.id)).toEqual(['checkout', 'drawer', 'returns', 'sync', 'orders']);
  });

  it('shows the compliance officer no till screens', () => {
    expect(screensFor(['reports.view', 'compliance.review', 'audit.export', 'compliance.configure']).map((s) => s.id)).toEqual([
      'reports',
      'sync',
      'compliance',
    ]);
  });
});

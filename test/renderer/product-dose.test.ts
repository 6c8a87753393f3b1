import { describe, expect, it } from 'vitest';
import { doseText } from '../../src/renderer/product-dose';

/** Issue #17: the dose a catalog row shows, in whole milligrams. */
describe('doseText', () => {
  it('gives THC per piece and per pack for a pack of pieces', () => {
    expect(doseText({ thcMg: 100, piecesPerUnit: 10, sellingMode: 'each' })).toBe('10 mg THC/piece · 100 mg/pack');
    expect(doseText({ thcMg: 1000, piecesPerUnit: 20, sellingMode: 'each' })).toBe('50 mg THC/piece · 1,000 mg/pack');
  });

  it('marks a piece’s share that does not come out whole, without decimals', () => {
    expect(doseText({ thcMg: 100, piecesPerUnit: 3, sellingMode: 'each' })).toBe('≈33 mg THC/piece · 100 mg/pack');
  });

  it('gives per pack for a product not in pieces, per gram for bulk, and nothing without THC', () => {
    expect(doseText({ thcMg: 784, piecesPerUnit: null, sellingMode: 'each' })).toBe('784 mg THC/pack');
    expect(doseText({ thcMg: 190, piecesPerUnit: null, sellingMode: 'weight' })).toBe('190 mg THC/g');
    expect(doseText({ thcMg: 0, piecesPerUnit: null, sellingMode: 'each' })).toBeNull();
  });
});

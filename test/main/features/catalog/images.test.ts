import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../../src/main/core/create-core';
import { signIn } from '../../../support/session';
import { openTempDatabase, testPiiKeys, type TempDatabase } from '../../../support/temp-db';
import { value } from '../../../support/result';
import type { CommandOutput } from '../../../../src/shared/contract';

/**
 * Issue #17: a product's picture is held by the register and served by
 * `catalog-product-image`; the catalog names it (and the dose figures) on
 * each row.
 */
let database: TempDatabase;
let core: Core;
beforeEach(async () => {
  database = openTempDatabase({ demo: true });
  core = createCore({ piiKeys: testPiiKeys, database, now: () => new Date('2026-11-24T18:00:00Z'), idleLockMs: 120_000 });
  await signIn(core, 'budtender');
});
afterEach(() => database.dispose());

describe('product pictures and dose figures', () => {
  it('names the picture and the pieces on a catalog row, and serves the picture as the PNG it is', async () => {
    const found = value(await core.invoke('catalog-search', { text: 'sour watermelon' })) as CommandOutput<'catalog-search'>;
    const gummies = found.items[0];
    expect(gummies).toMatchObject({ name: 'Sour Watermelon Gummies 10x10mg', thcMg: 100, piecesPerUnit: 10 });
    expect(gummies?.imageId).not.toBeNull();
    const picture = value(await core.invoke('catalog-product-image', { imageId: gummies?.imageId ?? '' })) as CommandOutput<'catalog-product-image'>;
    expect(picture.mimeType).toBe('image/png');
    expect(Buffer.from(picture.base64, 'base64').subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  });

  it('says a product without a picture has none, and refuses a picture that is not there', async () => {
    const pipe = (value(await core.invoke('catalog-search', { text: 'glass hand pipe' })) as CommandOutput<'catalog-search'>).items[0];
    expect(pipe).toMatchObject({ imageId: null, piecesPerUnit: null, thcMg: 0 });
    const missing = await core.invoke('catalog-product-image', { imageId: 'image-nowhere' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'PRODUCT_IMAGE_NOT_FOUND' } });
  });

  it('carries the same figures in the register’s own search index', async () => {
    const index = value(await core.invoke('catalog-index', {})) as CommandOutput<'catalog-index'>;
    const gummies = index.items.find((i) => i.name === 'Blueberry Gummies 20x5mg');
    expect(gummies).toMatchObject({ thcMg: 100, piecesPerUnit: 20 });
    expect(gummies?.imageId).toEqual(expect.any(String));
  });
});

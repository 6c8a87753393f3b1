import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../../src/main/core/create-core';
import { signIn } from '../../../support/session';
import { openTempDatabase, testPiiKeys, type TempDatabase } from '../../../support/temp-db';
import { value } from '../../../support/result';
import type { CommandOutput } from '../../../../src/shared/contract';
import { PRODUCT_IMAGE_MAX_BYTES, setProductImage } from '../../../../src/main/features/catalog/images';
import { demoPicture } from '../../../../src/main/features/demo/images';
import { writeTransaction } from '../../../../src/main/platform/db/transaction';
import { runCli } from '../../../../src/main/entries/cli/index';
import { captureIo } from '../../../support/cli';

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

  it('gives a product a picture (audited), replaces it, and takes it away', async () => {
    // GT-0049 is the demo's glass hand pipe, which has no picture.
    const set = (bytes: Uint8Array | null) =>
      writeTransaction(database.db, (tx) => setProductImage(tx, { sku: 'GT-0049', bytes, staffId: null, terminalId: null, now: new Date() }));
    const first = set(demoPicture([10, 120, 60]));
    const found = (value(await core.invoke('catalog-search', { text: 'glass hand pipe' })) as CommandOutput<'catalog-search'>).items[0];
    expect(found?.imageId).toBe(first.imageId);
    expect(value(await core.invoke('catalog-product-image', { imageId: first.imageId ?? '' }))).toMatchObject({ mimeType: 'image/png' });
    const second = set(demoPicture([200, 20, 20]));
    // The picture replaced is gone.
    expect(await core.invoke('catalog-product-image', { imageId: first.imageId ?? '' })).toMatchObject({
      ok: false,
      error: { code: 'PRODUCT_IMAGE_NOT_FOUND' },
    });
    expect(set(null)).toEqual({ productId: second.productId, imageId: null });
    expect(database.sqlite.prepare('SELECT count(*) AS n FROM product_images WHERE id = ?').get(second.imageId)).toEqual({ n: 0 });
    expect(database.sqlite.prepare("SELECT action FROM audit_log WHERE action LIKE 'product.image%' ORDER BY seq").all()).toEqual([
      { action: 'product.image_set' },
      { action: 'product.image_set' },
      { action: 'product.image_remove' },
    ]);
  });

  it('refuses a file that is not a PNG, JPEG or WebP picture, one too large, and an unknown SKU', () => {
    const set = (sku: string, bytes: Uint8Array) =>
      writeTransaction(database.db, (tx) => setProductImage(tx, { sku, bytes, staffId: null, terminalId: null, now: new Date() }));
    expect(() => set('GT-0049', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toThrow(expect.objectContaining({ code: 'PRODUCT_IMAGE_TYPE' }));
    const huge = Buffer.concat([demoPicture([1, 2, 3]), Buffer.alloc(PRODUCT_IMAGE_MAX_BYTES)]);
    expect(() => set('GT-0049', huge)).toThrow(expect.objectContaining({ code: 'PRODUCT_IMAGE_TOO_LARGE' }));
    expect(() => set('NO-SUCH', demoPicture([1, 2, 3]))).toThrow(expect.objectContaining({ code: 'PRODUCT_NOT_FOUND' }));
  });

  it('the product-image support command asks for a SKU and one of --file or --remove', async () => {
    const io = captureIo();
    expect(await runCli(['product-image', '--file', 'x.png'], io)).not.toBe(0);
    expect(io.out() + io.err()).toContain('--sku');
    const both = captureIo();
    expect(await runCli(['product-image', '--sku', 'GT-0049', '--file', 'x.png', '--remove'], both)).not.toBe(0);
    expect(both.out() + both.err()).toContain('either --file');
  });
});

import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import { appendAudit } from '../../platform/audit/log';
import type { productImageTypes } from '../../platform/db/schema';
import { productImages, products } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import type { RegisterTx } from '../../platform/db/transaction';

/** A product picture of this store, as the counter draws it: its type and its bytes in base64. */
export function productImage(db: RegisterDb, storeId: string, imageId: string): { mimeType: (typeof productImages.$inferSelect)['mimeType']; base64: string } {
  const row = db
    .select({ mimeType: productImages.mimeType, data: productImages.data })
    .from(productImages)
    .where(and(eq(productImages.id, imageId), eq(productImages.storeId, storeId)))
    .get();
  if (row === undefined) throw new AppError('PRODUCT_IMAGE_NOT_FOUND', 'That product picture is not on this register.');
  return { mimeType: row.mimeType, base64: Buffer.from(row.data).toString('base64') };
}

/** The largest product picture the register keeps: a thumbnail's worth, not a catalogue photo. */
export const PRODUCT_IMAGE_MAX_BYTES = 512 * 1024;

type ImageType = (typeof productImageTypes)[number];

/** The picture's format from its first bytes (PNG, JPEG or WebP), or null: anything else. */
export function productImageType(bytes: Uint8Array): ImageType | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x52, 0x49, 0x46, 0x46) && Buffer.from(bytes.subarray(8, 12)).toString('latin1') === 'WEBP') return 'image/webp';
  return null;
}

/**
 * Gives the product with this SKU a picture (its bytes, PNG/JPEG/WebP, at
 * most PRODUCT_IMAGE_MAX_BYTES), or takes its picture away (`bytes` null).
 * The picture is kept in the register's database; audited.
 */
export function setProductImage(
  tx: RegisterTx,
  input: { readonly sku: string; readonly bytes: Uint8Array | null; readonly staffId: string | null; readonly terminalId: string | null; readonly now: Date },
): { productId: string; imageId: string | null } {
  const matches = tx.select({ id: products.id, storeId: products.storeId, imageId: products.imageId }).from(products).where(eq(products.sku, input.sku)).all();
  const product = matches[0];
  if (product === undefined || matches.length > 1) throw new AppError('PRODUCT_NOT_FOUND', `No product with SKU ${input.sku} in this store.`);
  let imageId: string | null = null;
  if (input.bytes !== null) {
    const mimeType = productImageType(input.bytes);
    if (mimeType === null) throw new AppError('PRODUCT_IMAGE_TYPE', 'A product picture must be a PNG, JPEG or WebP file.');
    if (input.bytes.length > PRODUCT_IMAGE_MAX_BYTES)
      throw new AppError(
        'PRODUCT_IMAGE_TOO_LARGE',
        `A product picture is limited to ${PRODUCT_IMAGE_MAX_BYTES / 1024} KB: make it smaller (a thumbnail will do).`,
      );
    imageId = randomUUID();
    tx.insert(productImages)
      .values({ id: imageId, storeId: product.storeId, mimeType, data: Buffer.from(input.bytes), createdAt: input.now.toISOString() })
      .run();
  }
  tx.update(products).set({ imageId }).where(eq(products.id, product.id)).run();
  // The picture it replaces is no one's any more.
  if (product.imageId !== null) tx.delete(productImages).where(eq(productImages.id, product.imageId)).run();
  appendAudit(tx, {
    at: input.now,
    staffId: input.staffId,
    terminalId: input.terminalId,
    action: input.bytes === null ? 'product.image_remove' : 'product.image_set',
    entityType: 'product',
    entityId: product.id,
    before: { imageId: product.imageId },
    after: { imageId, bytes: input.bytes?.length ?? 0 },
  });
  return { productId: product.id, imageId };
}

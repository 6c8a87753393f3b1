import { and, eq } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import { productImages } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';

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

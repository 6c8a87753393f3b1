import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { packages, products } from './catalog';
import { stores } from './store';

export const incomingPackageStatuses = ['pending', 'received', 'rejected'] as const;

/**
 * An incoming Metrc transfer (one manifest and delivery) as downloaded.
 * Unique per store and manifest/delivery: downloading it again adds nothing.
 */
export const incomingManifests = sqliteTable(
  'incoming_manifests',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'restrict' }),
    manifestNumber: text('manifest_number').notNull(),
    metrcTransferId: integer('metrc_transfer_id').notNull(),
    metrcDeliveryId: integer('metrc_delivery_id').notNull(),
    shipperLicense: text('shipper_license'),
    shipperName: text('shipper_name'),
    metrcLastModified: text('metrc_last_modified'),
    downloadedAt: integer('downloaded_at', { mode: 'timestamp_ms' }).notNull(),
    /** Set once every package is received or rejected. */
    completedAt: integer('completed_at', { mode: 'timestamp_ms' }),
  },
  (t) => [uniqueIndex('incoming_manifests_store_manifest_unique').on(t.storeId, t.manifestNumber, t.metrcDeliveryId)],
);

/** One package on an incoming manifest, and what the store decided: received (in full or part) into stock, or rejected. */
export const incomingPackages = sqliteTable(
  'incoming_packages',
  {
    id: text('id').primaryKey(),
    manifestId: text('manifest_id')
      .notNull()
      .references(() => incomingManifests.id, { onDelete: 'restrict' }),
    tag: text('tag').notNull(),
    metrcPackageId: integer('metrc_package_id'),
    itemName: text('item_name').notNull(),
    itemCategory: text('item_category'),
    strain: text('strain'),
    /** Metrc's decimal as text (never a float column) and its unit name. */
    shippedQuantity: text('shipped_quantity').notNull(),
    unitOfMeasure: text('unit_of_measure').notNull(),
    labTestingState: text('lab_testing_state'),
    packagedDate: text('packaged_date'),
    /** The catalog product it becomes once mapped. */
    productId: text('product_id').references(() => products.id, { onDelete: 'restrict' }),
    status: text('status', { enum: incomingPackageStatuses }).notNull(),
    /** In the package's own unit (a count, or mg) once received. */
    receivedQuantity: integer('received_quantity'),
    rejectionReason: text('rejection_reason'),
    decidedBy: text('decided_by'),
    decidedAt: integer('decided_at', { mode: 'timestamp_ms' }),
    /** The stock package it became. */
    packageId: text('package_id').references(() => packages.id, { onDelete: 'restrict' }),
  },
  (t) => [uniqueIndex('incoming_packages_manifest_tag_unique').on(t.manifestId, t.tag), index('incoming_packages_item_idx').on(t.itemName)],
);

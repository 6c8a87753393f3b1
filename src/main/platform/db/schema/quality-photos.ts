import { sqliteTable, text, integer, index, blob } from 'drizzle-orm/sqlite-core';
import { stores, staff } from './store';
import { qualityIncidents } from './quality';

import { incidentPhotoTypes } from '../../../../shared/domain/quality/photo-type';

export { incidentPhotoTypes };

/**
 * A photo attached to a quality incident (issue #22: "photos optional"):
 * part of the incident record, so never edited. A manager may remove one with
 * a reason: the bytes are deleted and the row keeps who attached it, who
 * removed it, when and why, with the photo's SHA-256 and size.
 */
export const qaIncidentPhotos = sqliteTable(
  'qa_incident_photos',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'restrict' }),
    incidentId: text('incident_id')
      .notNull()
      .references(() => qualityIncidents.id, { onDelete: 'restrict' }),
    mimeType: text('mime_type', { enum: incidentPhotoTypes }).notNull(),
    byteSize: integer('byte_size').notNull(),
    sha256: text('sha256').notNull(),
    /** The photo itself; null once a manager removed it. */
    data: blob('data', { mode: 'buffer' }),
    attachedBy: text('attached_by')
      .notNull()
      .references(() => staff.id, { onDelete: 'restrict' }),
    attachedAt: integer('attached_at', { mode: 'timestamp_ms' }).notNull(),
    removedBy: text('removed_by').references(() => staff.id, { onDelete: 'restrict' }),
    removedAt: integer('removed_at', { mode: 'timestamp_ms' }),
    removalReason: text('removal_reason'),
  },
  (t) => [index('qa_incident_photos_incident_idx').on(t.incidentId, t.attachedAt)],
);

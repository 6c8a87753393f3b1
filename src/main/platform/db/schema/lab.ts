import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { stores, staff } from './store';
import { products } from './catalog';
import { analyteKinds } from '../../../../shared/domain/lab/coa-query';

/**
 * Certificates of analysis (issue #22): one row per certificate, for a
 * product (its current batch) or one package, with its analytes as exact
 * basis points. The package's `lab_testing_state` stays what gates a sale; a
 * certificate saved with failed contaminants sets it to TestFailed.
 */
export const labCertificates = sqliteTable(
  'lab_certificates',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'restrict' }),
    productId: text('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'restrict' }),
    /** Null: the product's certificate; set: this package's own. */
    packageTag: text('package_tag'),
    labName: text('lab_name').notNull(),
    testedOn: text('tested_on').notNull(),
    batch: text('batch'),
    /** Pesticides, heavy metals, microbials, solvents, mycotoxins: all passed. */
    contaminantsPassed: integer('contaminants_passed', { mode: 'boolean' }).notNull(),
    coaUrl: text('coa_url'),
    savedBy: text('saved_by')
      .notNull()
      .references(() => staff.id, { onDelete: 'restrict' }),
    savedAt: integer('saved_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('lab_certificates_product_idx').on(t.productId, t.savedAt), index('lab_certificates_package_idx').on(t.packageTag)],
);

export const labAnalytes = sqliteTable(
  'lab_analytes',
  {
    certificateId: text('certificate_id')
      .notNull()
      .references(() => labCertificates.id, { onDelete: 'restrict' }),
    kind: text('kind', { enum: analyteKinds }).notNull(),
    /** Normalised name: `thca`, `myrcene`, `beta-caryophyllene`. */
    name: text('name').notNull(),
    /** Percent in basis points (0.85 % = 85). */
    percentBp: integer('percent_bp').notNull(),
  },
  (t) => [index('lab_analytes_name_idx').on(t.name, t.percentBp), index('lab_analytes_certificate_idx').on(t.certificateId)],
);

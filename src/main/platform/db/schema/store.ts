import { sqliteTable, text, integer, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { staffRoles } from '../../../../shared/permissions';

export { staffRoles };

/** A licensed retail location. Its time zone defines "today" for purchase limits. */
export const stores = sqliteTable('stores', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  licenseNumber: text('license_number').notNull(),
  /** Two-letter US state / Canadian province code whose rules apply. */
  state: text('state').notNull(),
  /** IANA zone, e.g. America/Los_Angeles. */
  timeZone: text('time_zone').notNull(),
  address: text('address').notNull(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
});

/** A counter terminal. Sale numbers are unique per terminal: `<prefix>-<sequence>`. */
export const terminals = sqliteTable(
  'terminals',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    saleNumberPrefix: text('sale_number_prefix').notNull(),
    nextSaleSequence: integer('next_sale_sequence').notNull().default(1),
  },
  (t) => [uniqueIndex('terminals_prefix_unique').on(t.storeId, t.saleNumberPrefix)],
);

export const staff = sqliteTable('staff', {
  id: text('id').primaryKey(),
  storeId: text('store_id')
    .notNull()
    .references(() => stores.id, { onDelete: 'restrict' }),
  displayName: text('display_name').notNull(),
  role: text('role', { enum: staffRoles }).notNull(),
  /** scrypt/argon2 hash with its own salt; null until the staff member sets a PIN. */
  pinHash: text('pin_hash'),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
});

/** Store-level settings as typed JSON values, keyed by name. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

/** Failed-PIN counters and lockouts per staff member (the lockout policy's serialisable state). */
export const staffLockouts = sqliteTable('staff_lockouts', {
  staffId: text('staff_id')
    .primaryKey()
    .references(() => staff.id, { onDelete: 'restrict' }),
  state: text('state', { mode: 'json' }).notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

import { sqliteTable, text, integer } from 'drizzle-orm/sqlite-core';
import { terminals } from './store';

export const deviceRoles = ['receipt_printer', 'cash_drawer', 'id_scanner', 'barcode_scanner'] as const;
export const deviceTransports = ['serial', 'hid', 'wedge', 'simulated'] as const;

/** Which physical device plays which role at a terminal. */
export const deviceConfigs = sqliteTable('device_configs', {
  id: text('id').primaryKey(),
  terminalId: text('terminal_id')
    .notNull()
    .references(() => terminals.id, { onDelete: 'restrict' }),
  role: text('role', { enum: deviceRoles }).notNull(),
  transport: text('transport', { enum: deviceTransports }).notNull(),
  path: text('path'),
  vendorId: integer('vendor_id'),
  productId: integer('product_id'),
  options: text('options', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default({}),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
});

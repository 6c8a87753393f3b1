import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { staffAlertKinds } from '../../../../shared/domain/staff-alerts/conditions';

/**
 * Staff alerts (issue #21): one row per condition per occurrence — the
 * dedupe key names both (the order and its deadline, the backlog episode and
 * its risk, the drawer session and its business day), so a condition that
 * holds for hours raises one alert, shown in the header until someone
 * acknowledges it, and sent once to the staff channel when one is set up.
 */
export const staffAlerts = sqliteTable(
  'staff_alerts',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: staffAlertKinds }).notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    title: text('title').notNull(),
    detail: text('detail').notNull(),
    raisedAt: integer('raised_at', { mode: 'timestamp_ms' }).notNull(),
    acknowledgedAt: integer('acknowledged_at', { mode: 'timestamp_ms' }),
    acknowledgedBy: text('acknowledged_by'),
  },
  (t) => [uniqueIndex('staff_alerts_once').on(t.dedupeKey), index('staff_alerts_open').on(t.acknowledgedAt, t.raisedAt)],
);

/** Where alerts also go (a signed HTTPS webhook), and when the store closes (for the drawer alert). One row. */
export const staffAlertSettings = sqliteTable('staff_alert_settings', {
  id: text('id').primaryKey(),
  /** The staff channel's webhook; null: alerts show at the register only. */
  url: text('url'),
  secretSealed: text('secret_sealed'),
  enabled: integer('enabled', { mode: 'boolean' }).notNull(),
  /** Store-local closing time, "HH:MM" (24 h): a drawer still open this long after it is an alert. */
  closesAt: text('closes_at').notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  updatedBy: text('updated_by'),
});

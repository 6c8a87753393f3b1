import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { staff, stores, terminals } from './store';

export const itIncidentStatuses = ['open', 'closed'] as const;

/**
 * A problem staff logged for IT (issue #23), with the context the register
 * attached itself (screen, errors shown, devices, sync, version, terminal).
 * Not the `incidents` table, which holds things the register itself flags
 * for staff (e.g. a promotion that failed to apply).
 */
export const itIncidents = sqliteTable(
  'it_incidents',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'restrict' }),
    /** 1, 2, 3… per store: what staff say on the phone to IT. */
    number: integer('number').notNull(),
    terminalId: text('terminal_id')
      .notNull()
      .references(() => terminals.id, { onDelete: 'restrict' }),
    summary: text('summary').notNull(),
    description: text('description').notNull(),
    status: text('status', { enum: itIncidentStatuses }).notNull(),
    reportedBy: text('reported_by')
      .notNull()
      .references(() => staff.id, { onDelete: 'restrict' }),
    reportedAt: integer('reported_at', { mode: 'timestamp_ms' }).notNull(),
    /** The IncidentContext (see the contract), scrubbed of customer data. */
    context: text('context', { mode: 'json' }).notNull(),
    closedBy: text('closed_by'),
    closedAt: integer('closed_at', { mode: 'timestamp_ms' }),
    resolution: text('resolution'),
  },
  (t) => [uniqueIndex('it_incidents_store_number_unique').on(t.storeId, t.number), index('it_incidents_status_idx').on(t.storeId, t.status, t.reportedAt)],
);

export const itIncidentComments = sqliteTable(
  'it_incident_comments',
  {
    id: text('id').primaryKey(),
    incidentId: text('incident_id')
      .notNull()
      .references(() => itIncidents.id, { onDelete: 'restrict' }),
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'restrict' }),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    text: text('text').notNull(),
  },
  (t) => [index('it_incident_comments_incident_idx').on(t.incidentId, t.at)],
);

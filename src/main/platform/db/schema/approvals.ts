import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { staff, terminals } from './store';

/**
 * Failed PINs at one terminal, whoever they were for (a `LockoutState`):
 * the per-person lockout alone lets someone guess four PINs for each of
 * twenty colleagues. Never reset by a right PIN, only by time, so knowing
 * one's own PIN does not buy more guesses at someone else's.
 */
export const terminalPinThrottle = sqliteTable('terminal_pin_throttle', {
  terminalId: text('terminal_id')
    .primaryKey()
    .references(() => terminals.id, { onDelete: 'restrict' }),
  state: text('state', { mode: 'json' }).notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

/**
 * A manager's one-off "yes" for one command with one payload, for one staff
 * member at one terminal, for a short time, used once. The manager's PIN is
 * checked when the grant is made (`approval-grant`) and never travels with
 * the command, which carries only the grant's id. The id is a bearer secret:
 * only its SHA-256 is stored.
 */
export const approvalGrants = sqliteTable(
  'approval_grants',
  {
    idHash: text('id_hash').primaryKey(),
    command: text('command').notNull(),
    /** SHA-256 of the command's canonical payload (without `approval`). */
    payloadHash: text('payload_hash').notNull(),
    permission: text('permission').notNull(),
    terminalId: text('terminal_id')
      .notNull()
      .references(() => terminals.id, { onDelete: 'restrict' }),
    forStaffId: text('for_staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'restrict' }),
    approvedBy: text('approved_by')
      .notNull()
      .references(() => staff.id, { onDelete: 'restrict' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    usedAt: integer('used_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('approval_grants_expiry_idx').on(t.expiresAt)],
);

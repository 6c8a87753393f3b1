import { z } from 'zod';
import { command } from './command';

/**
 * The opening readiness check (issue #23): one line per thing that must be
 * right before the doors open, each green, amber or red with the fix in one
 * sentence and, where the register can take the person there, an action.
 */
export const openingCheckStatuses = ['green', 'amber', 'red'] as const;
export type OpeningCheckStatus = (typeof openingCheckStatuses)[number];

export const openingCheckIds = [
  'database_integrity',
  'migrations',
  'disk_space',
  'clock_skew_metrc',
  'clock_skew_store_server',
  'devices',
  'metrc_connection',
  'sync_backlog',
  'stock_drift',
  'drawers_closed',
  'compliance_flags',
  'online_orders',
] as const;
export type OpeningCheckId = (typeof openingCheckIds)[number];

/** Where a button on the line takes the person (the renderer maps each to a screen or a re-run). */
export const openingCheckActions = ['retry', 'go_to_drawer', 'go_to_sync', 'go_to_devices', 'go_to_compliance', 'go_to_counts', 'go_to_orders'] as const;
export type OpeningCheckAction = (typeof openingCheckActions)[number];

export const openingCheckItem = z.object({
  id: z.enum(openingCheckIds),
  label: z.string(),
  status: z.enum(openingCheckStatuses),
  detail: z.string(),
  /** One sentence: what to do about it (for green, what was checked). */
  fix: z.string(),
  action: z.object({ kind: z.enum(openingCheckActions), label: z.string() }).nullable(),
});
export type OpeningCheckItem = z.infer<typeof openingCheckItem>;

export const openingCheckRun = z.object({
  id: z.string(),
  ranAt: z.string(),
  businessDay: z.string(),
  /** The worst line. */
  overall: z.enum(openingCheckStatuses),
  items: z.array(openingCheckItem),
});
export type OpeningCheckRunView = z.infer<typeof openingCheckRun>;

export const openingCheckCommands = {
  'opening-check-run': command({
    access: 'signed_in',
    summary: 'Runs the opening readiness check now (database, disk, clocks, devices, Metrc, sync backlog, stock drift, drawers, flags) and saves the result.',
    writes: true,
    input: z.object({}).strict(),
    output: openingCheckRun,
  }),
  'opening-check-latest': command({
    access: 'signed_in',
    summary: "Today's latest opening check at this terminal, and whether it is still due (none run yet this store day).",
    writes: false,
    input: z.object({}).strict(),
    output: z.object({ due: z.boolean(), latest: openingCheckRun.nullable() }),
  }),
};

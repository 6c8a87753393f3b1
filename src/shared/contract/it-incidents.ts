import { z } from 'zod';
import { command } from './command';
import { counterText } from './values';

/**
 * The IT incident log (issue #23): the shared log staff use to report a
 * problem with the register. The person types what happened; the register
 * attaches the context itself, with no customer PII.
 */

/** An error the screen showed, as the renderer's ring buffer kept it. */
export const shownError = z.object({
  code: z.string().trim().min(1).max(64),
  message: z.string().max(500),
  at: z.iso.datetime({ offset: true }),
});
export type ShownError = z.infer<typeof shownError>;

/** How many shown errors an incident keeps (the renderer keeps the same number). */
export const SHOWN_ERRORS_KEPT = 10;

export const incidentContext = z.object({
  screen: z.string(),
  recentErrors: z.array(z.object({ code: z.string(), message: z.string(), at: z.string() })),
  devices: z.array(z.object({ role: z.string(), state: z.string(), message: z.string() })),
  sync: z.object({
    online: z.boolean().nullable(),
    lanes: z.array(
      z.object({
        destination: z.string(),
        online: z.boolean().nullable(),
        pending: z.number().int(),
        dead: z.number().int(),
        oldestPendingAt: z.string().nullable(),
      }),
    ),
  }),
  appVersion: z.string(),
  terminalId: z.string(),
  terminalName: z.string(),
  /** Platform and runtime (os, node/electron versions): what IT asks first. */
  runtime: z.string(),
});
export type IncidentContext = z.infer<typeof incidentContext>;

export const incidentView = z.object({
  id: z.string(),
  number: z.number().int(),
  summary: z.string(),
  description: z.string(),
  status: z.enum(['open', 'closed']),
  reportedBy: z.string(),
  reportedAt: z.string(),
  context: incidentContext,
  comments: z.array(z.object({ by: z.string(), at: z.string(), text: z.string() })),
  closedBy: z.string().nullable(),
  closedAt: z.string().nullable(),
  resolution: z.string().nullable(),
});
export type IncidentView = z.infer<typeof incidentView>;

const incidentId = z.string().min(1).max(64);
/** The screen the person was on (the renderer's screen id). */
const screenName = z.string().regex(/^[a-z][a-z-]{0,31}$/, 'A screen id such as "checkout"');

export const itIncidentCommands = {
  'incident-report': command({
    access: 'signed_in',
    summary:
      'Log a problem for IT: a summary and what happened; the register attaches the screen, the last errors shown, device health, sync state, app version and terminal (never customer data). Audited.',
    writes: true,
    input: z
      .object({
        summary: counterText(120),
        description: z.union([counterText(2000), z.literal('')]).default(''),
        screen: screenName,
        recentErrors: z.array(shownError).max(SHOWN_ERRORS_KEPT).default([]),
      })
      .strict(),
    output: incidentView,
  }),
  'incident-list': command({
    access: 'signed_in',
    summary: "The store's IT incidents, newest first, with their comments: every register's when a store server answers, otherwise this register's.",
    writes: false,
    input: z.object({ status: z.enum(['open', 'closed', 'all']).default('open'), limit: z.number().int().min(1).max(200).default(50) }).strict(),
    output: z.object({
      items: z.array(incidentView),
      /** Incidents logged at another register (commented and closed there). */
      elsewhere: z.array(z.string()),
      /** `store`: every register's incidents, from the store server; `register`: this register's only (no store server, or not reachable: see `note`). */
      scope: z.enum(['register', 'store']),
      note: z.string().nullable(),
    }),
  }),
  'incident-comment': command({
    access: 'signed_in',
    summary: 'Add a comment to an IT incident. Audited.',
    writes: true,
    input: z.object({ incidentId, text: counterText(1000) }).strict(),
    output: incidentView,
  }),
  'incident-close': command({
    access: 'settings.edit',
    summary: 'Close an IT incident with what fixed it. Audited.',
    writes: true,
    input: z.object({ incidentId, resolution: counterText(500) }).strict(),
    output: incidentView,
  }),
};

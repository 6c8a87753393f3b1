import { z } from 'zod';
import { command } from './command';
import { counterText } from './values';

const lane = z.object({
  destination: z.string(),
  label: z.string(),
  /** False when nothing is set up to deliver this lane (its items wait). */
  configured: z.boolean(),
  online: z.boolean().nullable(),
  circuit: z.enum(['closed', 'open', 'probing']).nullable(),
  pending: z.number().int(),
  held: z.number().int(),
  dead: z.number().int(),
  oldestPendingAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastError: z.string().nullable(),
  deadline: z.object({ hours: z.number(), risk: z.enum(['ok', 'at_risk', 'overdue']), citation: z.string() }).nullable(),
});

const deadLetter = z.object({
  itemId: z.number().int(),
  destination: z.string(),
  kind: z.string(),
  saleNumber: z.string().nullable(),
  error: z.string(),
  attempts: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/**
 * An outside service's address (Metrc, the online menu's webhook): https,
 * or plain http only to this computer (tests, a local integration bridge),
 * never with a password in it (the address is shown on screen and written
 * to the audit log).
 */
export function isServiceAddress(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '') return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && (url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]');
}

const heldUnit = z.enum(['each', 'mg']);
const count = z.number().int();

/** Metrc's active packages against the register's (see `reconcile-packages` in the README); each list capped at `RECONCILIATION_ROWS`, the counts are whole. */
const packageReconciliation = z.object({
  ranAt: z.string(),
  licenseNumber: z.string(),
  apiVersion: z.enum(['v1', 'v2']),
  auditSeq: count,
  counts: z.object({
    metrcActive: count,
    localPackages: count,
    localWithStock: count,
    inBoth: count,
    matching: count,
    quantityMismatches: count,
    unitMismatches: count,
    missingLocally: count,
    notActiveInMetrc: count,
    onHoldInMetrc: count,
    undeliveredSyncItems: count,
  }),
  quantityMismatches: z.array(
    z.object({
      tag: z.string(),
      productName: z.string(),
      unit: heldUnit,
      localQuantity: count,
      metrcQuantity: count,
      difference: count,
      metrcLastModified: z.string().nullable(),
      undeliveredSyncItems: count,
    }),
  ),
  unitMismatches: z.array(
    z.object({
      tag: z.string(),
      productName: z.string(),
      localUnit: heldUnit,
      localQuantity: count,
      metrcQuantity: z.number(),
      metrcUnitOfMeasure: z.string(),
      problem: z.string(),
    }),
  ),
  missingLocally: z.array(z.object({ tag: z.string(), itemName: z.string(), metrcQuantity: z.number(), metrcUnitOfMeasure: z.string(), onHold: z.boolean() })),
  notActiveInMetrc: z.array(
    z.object({ tag: z.string(), productName: z.string(), unit: heldUnit, localQuantity: count, localStatus: z.string(), undeliveredSyncItems: count }),
  ),
  onHoldInMetrc: z.array(z.object({ tag: z.string(), productName: z.string(), unit: heldUnit, localQuantity: count, localStatus: z.string() })),
});

/** Rows per list the screen gets; the CLI prints every row. */
export const RECONCILIATION_ROWS = 200;

export type SyncLaneStatus = z.infer<typeof lane>;
export type DeadLetter = z.infer<typeof deadLetter>;

export const syncCommands = {
  'sync-status': command({
    access: 'signed_in',
    passive: true,
    summary: 'Online or not, what waits for each destination, deadlines at risk, and items the destination refused.',
    writes: false,
    input: z.object({}).strict(),
    output: z.object({ online: z.boolean().nullable(), backlog: z.number().int(), lanes: z.array(lane), deadLetters: z.array(deadLetter) }),
  }),
  'sync-retry': command({
    access: 'sync.resolve',
    summary: 'Send a refused item again (after fixing what the state system complained about).',
    writes: true,
    input: z.object({ itemId: z.number().int().positive() }).strict(),
    output: z.object({ itemId: z.number().int() }),
  }),
  'sync-retry-lane': command({
    access: 'sync.resolve',
    summary: 'Send every refused item of one destination again (after fixing what they all failed on, e.g. a wrong key or secret).',
    writes: true,
    input: z.object({ destination: z.string().min(1).max(64) }).strict(),
    output: z.object({ destination: z.string(), retried: z.number().int() }),
  }),
  'packages-reconcile': command({
    access: 'reports.view',
    summary: 'Check the store’s packages against Metrc’s active packages now (read-only; the run is audited).',
    writes: true,
    input: z.object({}).strict(),
    output: packageReconciliation,
  }),
  'sync-resolve': command({
    access: 'sync.resolve',
    summary: 'Settle a refused item by hand (e.g. entered on the state site), with the reason.',
    writes: true,
    input: z.object({ itemId: z.number().int().positive(), reason: counterText(500) }).strict(),
    output: z.object({ itemId: z.number().int() }),
  }),
  'metrc-settings-get': command({
    access: 'credentials.edit',
    summary: 'How this store reaches Metrc (never the keys themselves).',
    writes: false,
    input: z.object({}).strict(),
    output: z.object({
      configured: z.boolean(),
      baseUrl: z.string().nullable(),
      apiVersion: z.enum(['v1', 'v2']).nullable(),
      licenseNumber: z.string().nullable(),
      enabled: z.boolean(),
    }),
  }),
  'metrc-settings-set': command({
    access: 'credentials.edit',
    summary: 'Set the Metrc address, licence and API keys (stored encrypted) and restart delivery with them.',
    writes: true,
    input: z
      .object({
        // The keys travel with every request: https only (plain http only to this machine, for tests and a local proxy).
        baseUrl: z
          .url({ protocol: /^https?$/ })
          .max(200)
          .refine(isServiceAddress, 'Enter Metrc’s address starting with https:// (http:// only for localhost or 127.0.0.1), without a password in it.'),
        apiVersion: z.enum(['v1', 'v2']).default('v2'),
        licenseNumber: z.string().trim().min(3).max(40),
        vendorKey: z.string().min(8).max(200),
        userKey: z.string().min(8).max(200),
        enabled: z.boolean().default(true),
      })
      .strict(),
    output: z.object({ configured: z.literal(true) }),
  }),
  'menu-settings-get': command({
    access: 'credentials.edit',
    summary: 'Where this store’s online menu receives stock changes (never the signing secret).',
    writes: false,
    input: z.object({}).strict(),
    output: z.object({ configured: z.boolean(), endpointUrl: z.string().nullable(), enabled: z.boolean(), updatedAt: z.string().nullable() }),
  }),
  'menu-settings-set': command({
    access: 'credentials.edit',
    summary: 'Set the online menu’s webhook address and signing secret (stored encrypted) and restart delivery with them.',
    writes: true,
    input: z
      .object({
        endpointUrl: z
          .string()
          .trim()
          .max(300, 'The address is too long (300 characters at most).')
          .refine(
            isServiceAddress,
            'Enter the full address the menu platform gave you, starting with https:// (http:// only for localhost or 127.0.0.1), without a password in it.',
          ),
        secret: z
          .string()
          .min(16, 'Paste the signing secret the menu platform gave you (16 characters or more).')
          .max(200, 'The signing secret is too long (200 characters at most).'),
        enabled: z.boolean().default(true),
      })
      .strict(),
    output: z.object({ configured: z.literal(true) }),
  }),
};

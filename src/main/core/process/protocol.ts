import { z } from 'zod';
import { pushEvent } from '../../../shared/contract/pushes';

/**
 * The one message protocol between the register's core process and its host
 * (the Electron main process through a utilityProcess port, the headless host
 * through a child_process IPC channel). Both ends parse every message: a
 * malformed one is refused, never cast. Command payloads stay `unknown` here:
 * the core's registry validates each against the contract, as it does for any
 * transport.
 */

/** How the core gets its master key: a key file it opens itself (headless), or the bytes the Electron main process unwrapped with safeStorage. */
const keyMaterial = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('file'), path: z.string().min(1) }).strict(),
  z.object({ kind: z.literal('bytes'), base64: z.string().min(1) }).strict(),
]);

export const startMessage = z
  .object({
    kind: z.literal('start'),
    databasePath: z.string().min(1),
    migrationsFolder: z.string().min(1),
    key: keyMaterial,
    demo: z.boolean(),
    startSync: z.boolean(),
    openDevices: z.boolean(),
    /** Where the running register writes its rotating log files (app data); absent: stderr only (tests, development). */
    logDirectory: z.string().min(1).optional(),
  })
  .strict();
export type StartMessage = z.infer<typeof startMessage>;

export const toCore = z.discriminatedUnion('kind', [
  startMessage,
  z.object({ kind: z.literal('invoke'), id: z.number().int().nonnegative(), name: z.string(), input: z.unknown() }).strict(),
  z.object({ kind: z.literal('stop') }).strict(),
]);
export type ToCore = z.infer<typeof toCore>;

const errorValue = z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() });

export const fromCore = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ready'), terminalId: z.string() }).strict(),
  z.object({ kind: z.literal('failed'), error: errorValue }).strict(),
  z
    .object({
      kind: z.literal('result'),
      id: z.number().int().nonnegative(),
      result: z.union([z.object({ ok: z.literal(true), value: z.unknown() }), z.object({ ok: z.literal(false), error: errorValue })]),
    })
    .strict(),
  z.object({ kind: z.literal('stopped') }).strict(),
  /** Something the screen should hear of without asking (a scan, the sync state, the order queue): relayed by the host. */
  z.object({ kind: z.literal('push'), event: pushEvent }).strict(),
]);
export type FromCore = z.infer<typeof fromCore>;

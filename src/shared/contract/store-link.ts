import { z } from 'zod';
import { command } from './command';
import { adminStepUpSchema, isolationPolicySchema, pairingCodeResponseSchema, storeTerminalSchema } from './store-server';

const linkState = z.object({
  /** single: no store server; connected: limits are held across the store; isolated: cut off, the store's policy applies. */
  mode: z.enum(['single', 'connected', 'isolated']),
  url: z.string().nullable(),
  fingerprint: z.string().nullable(),
  pairedAt: z.string().nullable(),
  lastContactAt: z.string().nullable(),
  configVersion: z.number().int(),
  designated: z.boolean(),
  isolation: isolationPolicySchema,
  /** Store-lane items not yet accepted by the store server. */
  pending: z.number().int(),
});

export type StoreLinkState = z.infer<typeof linkState>;

/** The signed-in admin's PIN again, for what the store server checks itself (shared/contract/store-server.ts adminStepUpSchema). */
const adminPin = adminStepUpSchema.shape.pin;

/** One register of the store, as the store server knows it. */
const storeRegister = storeTerminalSchema.extend({
  /** The register this list is read at (it cannot retire itself). */
  thisRegister: z.boolean(),
});
export type StoreRegisterView = z.infer<typeof storeRegister>;
const storeRegisters = z.object({ registers: z.array(storeRegister) });

/** The register's link to its store server (issue #20): pairing on the Sync screen, and the mode shown at the counter. */
export const storeLinkCommands = {
  'store-link-get': command({
    access: 'signed_in',
    passive: true,
    summary: 'Whether this register belongs to a store server, and whether it reaches it now (limits across registers) or is cut off.',
    writes: false,
    input: z.object({}).strict(),
    output: linkState,
  }),
  'store-link-pair': command({
    access: 'credentials.edit',
    summary: 'Pair this register with the store server, using the one-time code its admin made there (the server’s certificate is pinned).',
    writes: true,
    input: z
      .object({
        address: z.string().trim().min(3).max(200),
        code: z
          .string()
          .trim()
          .regex(/^[0-9A-Za-z]{5}[-\s]?[0-9A-Za-z]{5}$/, 'The code is ten letters and digits, as XXXXX-XXXXX'),
        name: z.string().trim().min(1).max(60),
      })
      .strict(),
    output: linkState,
  }),
  // The store's other registers, from a register already paired (issue #20's pairing screen): admin only, like pairing.
  'store-registers-list': command({
    access: 'credentials.edit',
    passive: true,
    summary: 'The registers of this register’s store, as its store server knows them: paired, last heard from, retired, designated.',
    writes: false,
    input: z.object({}).strict(),
    output: storeRegisters,
  }),
  'store-pairing-code-create': command({
    access: 'credentials.edit',
    summary:
      'Make a one-time code (15 minutes) at the store server for another register to pair with, confirmed with the admin’s PIN, which the store server checks against its roster (audited; the code is not kept here).',
    writes: true,
    input: z.object({ pin: adminPin }).strict(),
    output: pairingCodeResponseSchema,
  }),
  'store-register-retire': command({
    access: 'credentials.edit',
    summary:
      'Retire another register from the store, confirmed with the admin’s PIN (checked by the store server too): its credential stops working at once and it must be paired again (audited).',
    writes: true,
    input: z.object({ terminalId: z.string().trim().min(1).max(100), pin: adminPin }).strict(),
    output: z.object({ retired: storeRegister }),
  }),
  'store-link-unpair': command({
    access: 'credentials.edit',
    summary: 'Forget the store server (its admin retires this register there); refused while sales wait to reach it.',
    writes: true,
    input: z.object({}).strict(),
    output: linkState,
  }),
};

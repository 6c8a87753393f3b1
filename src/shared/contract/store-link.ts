import { z } from 'zod';
import { command } from './command';
import { isolationPolicySchema } from './store-server';

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
  'store-link-unpair': command({
    access: 'credentials.edit',
    summary: 'Forget the store server (its admin retires this register there); refused while sales wait to reach it.',
    writes: true,
    input: z.object({}).strict(),
    output: linkState,
  }),
};

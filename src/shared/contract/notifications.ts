import { z } from 'zod';
import { command } from './command';

const providerView = z.object({ kind: z.enum(['https', 'alpine_iq']), url: z.string(), enabled: z.boolean(), updatedAt: z.string() }).nullable();

/** Customer texts (issue #21): the store's SMS provider. */
export const notificationCommands = {
  'sms-provider-get': command({
    access: 'credentials.edit',
    passive: true,
    summary: 'The store’s SMS provider for customer texts (never its key).',
    writes: false,
    input: z.object({}).strict(),
    output: z.object({ provider: providerView }),
  }),
  'sms-provider-set': command({
    access: 'credentials.edit',
    summary: 'Set the cannabis-permitted SMS provider customer texts go through: a signed HTTPS gateway or Alpine IQ, its address and key.',
    writes: true,
    input: z
      .object({
        kind: z.enum(['https', 'alpine_iq']),
        url: z.string().trim().min(8).max(200),
        secret: z.string().trim().min(16).max(200),
        enabled: z.boolean(),
      })
      .strict(),
    output: z.object({ provider: providerView }),
  }),
  'sms-store-phone-set': command({
    access: 'settings.edit',
    summary: 'Set the store’s phone number given in the answer to a customer’s HELP text (empty: the store’s address is given).',
    writes: true,
    input: z.object({ phone: z.string().trim().max(40).nullable() }).strict(),
    output: z.object({ storePhone: z.string().nullable() }),
  }),
} as const;

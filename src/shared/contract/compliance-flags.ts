import { z } from 'zod';
import { command } from './command';
import { counterText } from './values';

export const complianceFlagCommands = {
  'compliance-flags-list': command({
    access: 'compliance.review',
    summary: 'Open anti-money-laundering flags for review (never shown to customers).',
    writes: false,
    input: z.object({ includeReviewed: z.boolean().default(false) }).strict(),
    output: z.object({
      items: z.array(
        z.object({
          id: z.string(),
          kind: z.string(),
          customerId: z.string().nullable(),
          saleId: z.string().nullable(),
          businessDay: z.string(),
          details: z.unknown(),
          citation: z.string(),
          createdAt: z.string(),
          resolution: z.string().nullable(),
        }),
      ),
    }),
  }),
  'compliance-offline-exceptions': command({
    access: 'compliance.review',
    summary: 'Sales made offline, how many were re-checked against the state after reconnecting, and what would have failed.',
    writes: false,
    input: z.object({}).strict(),
    output: z.object({
      offlineSales: z.number().int(),
      reverified: z.number().int(),
      awaitingReverification: z.number().int(),
      exceptions: z.array(
        z.object({
          flagId: z.string(),
          saleId: z.string().nullable(),
          businessDay: z.string(),
          details: z.unknown(),
          citation: z.string(),
          createdAt: z.string(),
          reviewed: z.boolean(),
        }),
      ),
    }),
  }),
  'compliance-flag-resolve': command({
    access: 'compliance.review',
    summary: 'Record the review of a flag (what was done: filed, explained, dismissed and why).',
    writes: true,
    input: z.object({ flagId: z.string().min(1).max(64), resolution: counterText(500) }).strict(),
    output: z.object({ flagId: z.string() }),
  }),
  'compliance-rules-to-verify': command({
    access: 'compliance.review',
    summary: 'The store state’s purchase-limit rules and taxes shipped on a stricter reading (marked verify), each with its citation and what to confirm.',
    writes: false,
    input: z.object({}).strict(),
    output: z.object({
      state: z.string(),
      rulePack: z.string(),
      taxTable: z.string().nullable(),
      items: z.array(z.object({ kind: z.enum(['limit', 'tax']), id: z.string(), citation: z.string(), note: z.string() })),
    }),
  }),
};

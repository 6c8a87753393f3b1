import { z } from 'zod';
import { command } from './command';

const retentionPolicy = z.discriminatedUnion('retain', [
  z.object({ retain: z.literal('never') }).strict(),
  z.object({ retain: z.literal('days'), days: z.number().int().min(1, 'At least 1 day').max(3650, 'At most 3,650 days') }).strict(),
]);

export const complianceSettingsCommands = {
  'id-retention-get': command({
    access: 'compliance.review',
    summary: 'How long adult-use ID data may be kept, and who chose it.',
    writes: false,
    input: z.object({}).strict(),
    output: z.object({ policy: retentionPolicy, chosenBy: z.string().nullable(), chosenAt: z.string().nullable() }),
  }),
  'id-retention-set': command({
    access: 'compliance.configure',
    summary: 'Choose how long adult-use ID data may be kept (never, or N calendar days).',
    writes: true,
    input: z.object({ policy: retentionPolicy }).strict(),
    output: z.object({ purged: z.number().int().nonnegative() }),
  }),
};

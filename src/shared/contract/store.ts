import { z } from 'zod';
import { command } from './command';

export const storeInfo = z.object({
  store: z.object({
    id: z.string(),
    name: z.string(),
    licenseNumber: z.string(),
    state: z.string().length(2),
    timeZone: z.string(),
    address: z.string(),
  }),
  terminal: z.object({ id: z.string(), name: z.string() }),
});
export type StoreInfo = z.infer<typeof storeInfo>;

export const storeCommands = {
  'store-get': command({
    access: 'public',
    summary: 'The store and terminal this register is running as.',
    writes: false,
    input: z.object({}).strict(),
    output: storeInfo,
  }),
};

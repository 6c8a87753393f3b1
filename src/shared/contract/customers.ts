import { z } from 'zod';
import { command } from './command';
import { birthDate, calendarDate, counterText, customerType } from './values';

export const newCustomer = z
  .object({
    customerType,
    firstName: counterText(60),
    lastName: counterText(60),
    dateOfBirth: birthDate,
    resident: z.boolean().default(true),
    medicalRegistration: counterText(40).optional(),
    medicalExpiry: calendarDate.optional(),
    /** A caregiver buys for one registered patient: that patient's customer id. */
    caregiverFor: z.string().min(1).max(64).optional(),
  })
  .strict()
  .refine((c) => c.customerType === 'adult' || (c.medicalRegistration !== undefined && c.medicalExpiry !== undefined), {
    message: 'A medical patient or caregiver needs a registration number and its expiry date',
    path: ['medicalRegistration'],
  })
  .refine((c) => (c.customerType === 'caregiver') === (c.caregiverFor !== undefined), {
    message: 'A caregiver must name the patient they buy for (and only a caregiver can)',
    path: ['caregiverFor'],
  });

export const customerSummary = z.object({
  customerId: z.string(),
  customerType,
  firstName: z.string(),
  lastName: z.string(),
  dateOfBirth: z.string(),
  medicalExpiry: z.string().nullable(),
});
export type CustomerSummary = z.infer<typeof customerSummary>;

export const customerCommands = {
  'customer-create': command({
    access: 'sale.ring',
    summary: 'Register a customer (minimal PII).',
    writes: true,
    input: newCustomer,
    output: z.object({ customerId: z.string() }),
  }),
  'customer-merge': command({
    access: 'customer.merge',
    summary:
      'Merge a duplicate customer record into the one kept: its sales, limits, ID checks, points, notes, incidents and credits move; the duplicate leaves search. Refused for two people or two kinds of record; audited.',
    writes: true,
    input: z.object({ keepId: z.string().min(1).max(64), mergeId: z.string().min(1).max(64), reason: counterText(200) }).strict(),
    output: z.object({ keptId: z.string(), mergedId: z.string(), moved: z.record(z.string(), z.number().int()) }),
  }),
  'customer-search': command({
    access: 'sale.ring',
    summary: 'Customers whose name starts with the given text.',
    writes: false,
    input: z.object({ text: counterText(60), limit: z.number().int().min(1).max(50).default(20) }).strict(),
    output: z.object({ items: z.array(customerSummary) }),
  }),
};

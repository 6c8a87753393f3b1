import { z } from 'zod';
import { command } from './command';
import { calendarDate, counterText } from './values';

export const checkInResult = z.object({
  outcome: z.enum(['accepted', 'refused']),
  refusal: z.object({ code: z.string(), message: z.string() }).nullable(),
  name: z.string(),
  age: z.number().int(),
  idExpiry: z.string(),
  saleType: z.enum(['adult', 'medical']),
  medicalExpiry: z.string().nullable(),
  /** Today's limits left for this customer, by the state's buckets. */
  limits: z.array(z.object({ bucket: z.string(), limit: z.number().int(), used: z.number().int(), remaining: z.number().int(), unit: z.enum(['mg', 'units']), rule: z.string() })),
});
export type CheckInResult = z.infer<typeof checkInResult>;

export const checkInCommands = {
  'customer-check-in': command({
    access: 'sale.ring',
    summary: 'Check a customer in from their ID (scanned or typed): age, ID validity, medical card; records the check and attaches them to the cart.',
    writes: true,
    input: z
      .object({
        cartId: z.string().min(1).max(64),
        saleType: z.enum(['adult', 'medical']),
        method: z.enum(['scanned', 'manual']),
        id: z
          .object({
            idNumber: counterText(40),
            firstName: counterText(60),
            lastName: counterText(60),
            dateOfBirth: calendarDate,
            expiry: calendarDate,
            issuer: z.string().trim().max(10).optional(),
          })
          .strict(),
        medicalRegistration: counterText(40).optional(),
      })
      .strict()
      .refine((c) => c.saleType === 'adult' || c.medicalRegistration !== undefined, { message: 'A medical sale needs the patient’s registration number', path: ['medicalRegistration'] }),
    output: checkInResult,
  }),
};

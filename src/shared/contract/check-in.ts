import { z } from 'zod';
import { approvalGrantRef } from './approval';
import { command } from './command';
import { calendarDate, counterText } from './values';

/** A US state, territory or Canadian province code as printed on a card (CA, NY, ON…). */
export const jurisdictionCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'The two-letter state or province that issued the ID');

export const checkInResult = z.object({
  outcome: z.enum(['accepted', 'refused']),
  refusal: z.object({ code: z.string(), message: z.string() }).nullable(),
  name: z.string(),
  age: z.number().int(),
  /** Null when the barcode carries none: the refusal asks for the date on the card face. */
  idExpiry: z.string().nullable(),
  /** A caregiver buying for their patient is a caregiver sale. */
  saleType: z.enum(['adult', 'medical', 'caregiver']),
  /** Residency as the limits use it (from the ID's issuer, or a manager's override). */
  resident: z.boolean(),
  /** The ID's issuing state or province, and how the ID reached the register. */
  issuer: z.string(),
  method: z.enum(['scanned', 'manual']),
  /** What the barcode did not carry or the parser could not read (only on a scanned check-in). */
  warnings: z.array(z.string()),
  medicalExpiry: z.string().nullable(),
  /** Today's limits left for this customer, by the state's buckets. */
  limits: z.array(
    z.object({
      bucket: z.string(),
      limit: z.number().int(),
      used: z.number().int(),
      remaining: z.number().int(),
      unit: z.enum(['mg', 'units']),
      /** The rule's citation. */
      rule: z.string(),
      /** The rule itself: a state may set two on one bucket (Michigan's medical 2.5 oz a day and 10 oz a month). */
      ruleId: z.string(),
      period: z.union([z.literal('transaction'), z.literal('calendar_day'), z.object({ rollingDays: z.number().int().positive() })]),
    }),
  ),
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
        /** Scanned: the raw barcode goes to the core, which parses it; typed: the fields from the card. */
        method: z.enum(['scanned', 'manual']),
        id: z
          .object({
            idNumber: counterText(40),
            firstName: counterText(60),
            lastName: counterText(60),
            dateOfBirth: calendarDate,
            expiry: calendarDate,
            /** The issuing state or province, as printed on the card: the limits' person and residency depend on it. */
            issuer: jurisdictionCode,
          })
          .strict()
          .optional(),
        /** The licence's PDF417 text exactly as the scanner read it. */
        barcode: z.string().min(1).max(4000).optional(),
        /** A scanned card whose barcode has no expiry: the date the budtender read on the card face. */
        cardFaceExpiry: calendarDate.optional(),
        medicalRegistration: counterText(40).optional(),
        /** A saved customer picked by name, now showing their ID: the ID must be theirs. */
        customerId: z.string().min(1).max(64).optional(),
      })
      .strict()
      .refine((c) => (c.method === 'manual' ? c.id !== undefined && c.barcode === undefined : c.barcode !== undefined && c.id === undefined), {
        message: 'A typed check-in sends the ID fields; a scanned one sends the barcode only',
        path: ['method'],
      })
      .refine((c) => c.saleType === 'adult' || c.medicalRegistration !== undefined, {
        message: 'A medical sale needs the patient’s registration number',
        path: ['medicalRegistration'],
      }),
    output: checkInResult,
  }),
  'check-in-override-residency': command({
    access: 'residency.override',
    summary: 'Override the residency read from the checked-in ID (a manager, with a written reason; audited).',
    writes: true,
    input: z.object({ cartId: z.string().min(1).max(64), resident: z.boolean(), reason: counterText(200), approval: approvalGrantRef.optional() }).strict(),
    output: z.object({ resident: z.boolean() }),
  }),
};

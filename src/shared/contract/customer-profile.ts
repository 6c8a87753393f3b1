import { z } from 'zod';
import { command } from './command';
import { customerSummary } from './customers';
import { counterText } from './values';

const customerId = z.string().min(1).max(64);

/** A contact field in a change: text sets it, null removes it, absent leaves it. */
const contactField = (max: number) => z.union([counterText(max), z.null()]).optional();

export const smsOptIns = z.object({ transactional: z.boolean(), marketing: z.boolean(), stopped: z.boolean() });
export type SmsOptInsView = z.infer<typeof smsOptIns>;

export const preferenceKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,47}$/, 'A preference key is lower-case letters, digits and underscores, e.g. sleep or edibles');
export const preferenceOption = z.object({ key: z.string(), kind: z.enum(['category', 'effect']), label: z.string(), active: z.boolean() });
export type PreferenceOptionView = z.infer<typeof preferenceOption>;

/** The customer card: who they are, how to reach them (masked: the counter confirms, it does not read out), what they agreed to. */
export const customerProfile = customerSummary.extend({
  phone: z.string().nullable(),
  email: z.string().nullable(),
  smsOptIns,
  /** The address's latest email consent entry is a grant. */
  emailMarketing: z.boolean(),
  preferences: z.array(preferenceOption),
});
export type CustomerProfileView = z.infer<typeof customerProfile>;

export const purchaseView = z.object({
  saleId: z.string(),
  saleNumber: z.string(),
  completedAt: z.string(),
  register: z.string(),
  status: z.enum(['completed', 'voided']),
  voidedAt: z.string().nullable(),
  totalCents: z.number().int(),
  lines: z.array(
    z.object({
      productName: z.string(),
      quantity: z.number().int(),
      unit: z.enum(['each', 'mg']),
      netCents: z.number().int(),
      returnedQuantity: z.number().int(),
    }),
  ),
  tenders: z.array(z.object({ tender: z.string(), amountCents: z.number().int() })),
  returns: z.array(z.object({ returnNumber: z.string(), at: z.string(), refundCents: z.number().int() })),
  points: z.object({ earned: z.number().int(), redeemed: z.number().int(), adjusted: z.number().int() }),
});
export type PurchaseView = z.infer<typeof purchaseView>;

/** The customer's CRM profile (issue #22): contact details under consent, purchase history. */
export const customerProfileCommands = {
  'customer-profile': command({
    access: 'sale.ring',
    summary: 'A customer’s card: name, type, masked phone and email, SMS opt-ins.',
    writes: false,
    input: z.object({ customerId }).strict(),
    output: customerProfile,
  }),
  'customer-contact-set': command({
    access: 'sale.ring',
    summary: 'Set or remove a customer’s phone number and email address (sealed at rest, found by a keyed index); audited without the values.',
    writes: true,
    input: z.object({ customerId, phone: contactField(30), email: contactField(254) }).strict(),
    output: customerProfile,
  }),
  'customer-find-by-contact': command({
    access: 'sale.ring',
    summary: 'Customers with this phone number or email address (a text with an @ is an email).',
    writes: false,
    input: z.object({ contact: counterText(254) }).strict(),
    output: z.object({ items: z.array(customerSummary) }),
  }),
  'customer-sms-consent': command({
    access: 'sale.ring',
    summary:
      'Record a customer’s SMS opt-in or opt-out taken at the counter (transactional or marketing; marketing needs it in writing) in the consent ledger of their phone, with its proof and who took it.',
    writes: true,
    input: z
      .object({
        customerId,
        action: z.enum(['grant', 'revoke']),
        kind: z.enum(['transactional', 'marketing']),
        written: z.boolean().default(false),
        proof: counterText(200),
      })
      .strict(),
    output: customerProfile,
  }),
  'customer-email-consent': command({
    access: 'sale.ring',
    summary:
      'Record a customer’s consent to marketing email, or its withdrawal, taken at the counter, in the email consent ledger with its proof and who took it.',
    writes: true,
    input: z.object({ customerId, action: z.enum(['grant', 'revoke']), proof: counterText(200) }).strict(),
    output: customerProfile,
  }),
  'preference-option-save': command({
    access: 'settings.edit',
    summary: 'Add a preferred category or effect to the store’s managed list, or rename or retire one.',
    writes: true,
    input: z.object({ key: preferenceKey, kind: z.enum(['category', 'effect']), label: counterText(60), active: z.boolean().default(true) }).strict(),
    output: z.object({ key: z.string() }),
  }),
  'preference-option-list': command({
    access: 'sale.ring',
    summary: 'The store’s list of preferred categories and effects a customer may pick from.',
    writes: false,
    input: z.object({ includeRetired: z.boolean().default(false) }).strict(),
    output: z.object({ items: z.array(preferenceOption) }),
  }),
  'customer-preferences-set': command({
    access: 'sale.ring',
    summary: 'Set a customer’s preferred categories and effects (up to five, from the managed list); sealed at rest, audited by count.',
    writes: true,
    input: z.object({ customerId, keys: z.array(preferenceKey).max(20) }).strict(),
    output: customerProfile,
  }),
  'customer-purchases': command({
    access: 'sale.ring',
    summary: 'A customer’s purchases, newest first, a page at a time: date, register, lines, total, tenders, returns and voids, points earned and redeemed.',
    writes: false,
    input: z.object({ customerId, cursor: z.string().min(1).max(100).optional(), limit: z.number().int().min(1).max(50).default(10) }).strict(),
    output: z.object({ items: z.array(purchaseView), nextCursor: z.string().nullable() }),
  }),
} as const;

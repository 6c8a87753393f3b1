import { z } from 'zod';
import { command } from './command';
import { customerSummary } from './customers';
import { counterText } from './values';

const customerId = z.string().min(1).max(64);

/** A contact field in a change: text sets it, null removes it, absent leaves it. */
const contactField = (max: number) => z.union([counterText(max), z.null()]).optional();

export const smsOptIns = z.object({ transactional: z.boolean(), marketing: z.boolean(), stopped: z.boolean() });
export type SmsOptInsView = z.infer<typeof smsOptIns>;

/** The customer card: who they are, how to reach them (masked: the counter confirms, it does not read out), what they agreed to. */
export const customerProfile = customerSummary.extend({
  phone: z.string().nullable(),
  email: z.string().nullable(),
  smsOptIns,
});
export type CustomerProfileView = z.infer<typeof customerProfile>;

/** The customer's CRM profile (issue #22): contact details under consent. */
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
} as const;

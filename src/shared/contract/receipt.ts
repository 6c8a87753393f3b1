import { z } from 'zod';
import { cents } from './values';

/**
 * A receipt as a document, independent of how it is shown: the ESC/POS
 * encoder prints it, the renderer draws it for preview and reprint.
 */
export const receiptDocument = z.object({
  store: z.object({ name: z.string(), address: z.string(), licenseNumber: z.string() }),
  saleNumber: z.string(),
  /** Store-local date and time, as printed. */
  printedTime: z.string(),
  budtender: z.string(),
  status: z.enum(['completed', 'voided']),
  lines: z.array(
    z.object({
      name: z.string(),
      packageTag: z.string(),
      quantityText: z.string(),
      grossCents: cents,
      discounts: z.array(z.object({ name: z.string(), amountCents: cents })),
      netCents: cents,
    }),
  ),
  subtotalCents: cents,
  discountCents: cents,
  taxes: z.array(z.object({ name: z.string(), amountCents: cents })),
  totalCents: cents,
  tenders: z.array(z.object({ label: z.string(), amountCents: cents })),
  changeCents: cents,
  footer: z.array(z.string()),
});
export type ReceiptDocument = z.infer<typeof receiptDocument>;

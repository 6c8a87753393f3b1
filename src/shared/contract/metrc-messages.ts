import { z } from 'zod';
import { customerType } from './values';

/**
 * What the state's traceability lane carries, one schema per kind: written
 * by the register's sale, void, return and adjustment code into its outbox,
 * and (issue #20) handed to the store server, whose single reporter sends
 * them to Metrc. Parsed — not cast — when they are sent, so a damaged or
 * foreign payload parks that one item with words for staff instead of
 * failing half-way through a send.
 */

const tax = z.object({ taxId: z.string(), amountCents: z.number().int() });
const count = z.number().int();

export const saleReceiptMessage = z.object({
  saleId: z.string().min(1),
  saleNumber: z.string(),
  completedAt: z.string(),
  timeZone: z.string(),
  customerType: customerType,
  /** The patient's registration number as stored: sealed; the adapter opens it at send time. */
  patientLicenseNumberSealed: z.string().nullable(),
  /** A caregiver sale: the caregiver's own registration, sealed the same way. */
  caregiverLicenseNumberSealed: z.string().nullable().optional(),
  lines: z.array(
    z.object({
      packageTag: z.string(),
      quantity: count,
      unit: z.enum(['each', 'mg']),
      grossCents: count,
      discountCents: count,
      /** Pre-tax after discounts: Metrc's TotalAmount. */
      netCents: count,
      taxes: z.array(tax),
    }),
  ),
});

export const receiptVoidMessage = z.object({ saleId: z.string().min(1), reason: z.string() });

export const receiptReturnMessage = z.object({
  saleId: z.string().min(1),
  returnId: z.string(),
  returnNumber: z.string(),
  disposition: z.enum(['inventory', 'quarantine', 'destruction']),
  lines: z.array(z.object({ packageTag: z.string(), quantity: count, refundCents: count, taxes: z.array(tax.extend({ name: z.string().optional() })) })),
});

export const packageAdjustMessage = z.object({
  packageTag: z.string(),
  /** Signed, in the package's unit (units, or mg for weighed goods). */
  quantity: count,
  unit: z.enum(['each', 'mg']),
  reason: z.enum(['destruction', 'count_variance']),
  /** The state's own reason, chosen by the person who approved it (from Metrc's list); absent: matched from `reason`. */
  metrcReason: z.string().optional(),
  note: z.string(),
  /** The store-local date of the adjustment. */
  date: z.string(),
});

/** A delivery received (in full, in part, or rejected) that the state expects recorded in Metrc by the recipient. */
export const transferReceiveMessage = z.object({
  manifestNumber: z.string(),
  deliveryId: z.number().int(),
  packages: z.array(
    z.object({
      packageTag: z.string(),
      /** Metrc's unit name and the accepted quantity in it, as text (0 when rejected). */
      unitOfMeasure: z.string(),
      shippedQuantity: z.string(),
      acceptedQuantity: z.string(),
      rejected: z.boolean(),
      reason: z.string().nullable(),
    }),
  ),
  /** The state's rule, as the register held it when the manifest was completed. */
  citation: z.string(),
});

export const metrcMessages = {
  'receipt.create': saleReceiptMessage,
  'receipt.void': receiptVoidMessage,
  'receipt.return': receiptReturnMessage,
  'package.adjust': packageAdjustMessage,
  'transfer.receive': transferReceiveMessage,
} as const;

export type MetrcKind = keyof typeof metrcMessages;
export type MetrcMessage<K extends MetrcKind> = z.infer<(typeof metrcMessages)[K]>;

/** A queued message read back as its kind's, or the words to park it with. */
export function parseMessage<S extends Record<string, z.ZodType>, K extends keyof S & string>(
  schemas: S,
  kind: K,
  payload: unknown,
): { ok: true; message: z.infer<S[K]> } | { ok: false; error: string } {
  const parsed = schemas[kind]!.safeParse(payload);
  if (parsed.success) return { ok: true, message: parsed.data as z.infer<S[K]> };
  const issue = parsed.error.issues[0];
  return {
    ok: false,
    error: `This queued ${kind} message is damaged or from an unknown version (${issue === undefined ? 'unreadable' : `${issue.path.join('.') || 'payload'}: ${issue.message}`}): nothing was sent. Enter it in the destination by hand, then mark it resolved.`,
  };
}

export function parseMetrcMessage<K extends MetrcKind>(kind: K, payload: unknown): { ok: true; message: MetrcMessage<K> } | { ok: false; error: string } {
  return parseMessage(metrcMessages, kind, payload);
}

/**
 * What the state system must receive for one sale, in our own units (cents,
 * mg, UTC instant + the store's zone). The Metrc adapter turns it into a
 * receipt at send time (local time without offset, dollars, unit names).
 */
export type SaleReceiptRecord = MetrcMessage<'receipt.create'>;

/** A package adjustment for the state: the message `package.adjust`. */
export type PackageAdjustmentRecord = MetrcMessage<'package.adjust'>;

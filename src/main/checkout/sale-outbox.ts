import { eq, sql } from 'drizzle-orm';
import { customers, outbox } from '../db/schema';
import type { RegisterTx } from '../db/transaction';
import { preparedOnce } from '../db/prepared';
import { patientIdFor } from '../customers/patient';
import type { PricedSale, SaleLineInput, SaleSubject } from './ports';
import type { OutboxMessage } from '../sync/outbox-messages';

/** Lanes the register owes: the state's traceability system and the online menu. */
export const TRACEABILITY_LANE = 'metrc';
export const MENU_LANE = 'ecommerce:menu';

/**
 * What the state system must receive for one sale, in our own units (cents,
 * mg, UTC instant + the store's zone). The Metrc adapter turns it into a
 * receipt at send time (local time without offset, dollars, unit names).
 */
/** A sale as the state's receipt needs it: the outbox message `receipt.create` (schema in sync/outbox-messages.ts). */
export type SaleReceiptRecord = OutboxMessage<'receipt.create'>;

interface SaleOutboxInput {
  readonly saleId: string;
  readonly saleNumber: string;
  readonly subject: SaleSubject;
  readonly lines: readonly SaleLineInput[];
  readonly priced: PricedSale;
  readonly now: Date;
}

/** Writes, inside the sale's transaction, every outbox item the sale causes. */
export function saleOutboxItems(tx: RegisterTx, input: SaleOutboxInput): void {
  const receipt = receiptRecord(tx, input);
  enqueue(tx).run({ destination: TRACEABILITY_LANE, kind: 'receipt.create', aggregateId: input.saleId, payload: receipt, now: input.now });
  // The online menu needs stock deltas per package, not the customer.
  enqueue(tx).run({
    destination: MENU_LANE,
    kind: 'inventory.adjust',
    aggregateId: input.saleId,
    payload: {
      reason: 'sale',
      saleId: input.saleId,
      deltas: input.lines.map((l) => ({ packageTag: l.packageTag, delta: -l.quantity, unit: l.packageUnit })),
    },
    now: input.now,
  });
}

function receiptRecord(tx: RegisterTx, input: SaleOutboxInput): SaleReceiptRecord {
  const buyerId = input.subject.customerType === 'adult' ? null : input.subject.customerId;
  const registrationOf = (customerId: string | null): string | null =>
    customerId === null ? null : (medicalRegistrationOf(tx).get({ customerId })?.registration ?? null);
  const caregiverSale = input.subject.customerType === 'caregiver';
  return {
    saleId: input.saleId,
    saleNumber: input.saleNumber,
    completedAt: input.now.toISOString(),
    timeZone: input.subject.timeZone,
    customerType: input.subject.customerType,
    patientLicenseNumberSealed: registrationOf(buyerId === null ? null : patientIdFor(tx, buyerId)),
    caregiverLicenseNumberSealed: caregiverSale ? registrationOf(buyerId) : null,
    lines: input.lines.map((line) => {
      const priced = input.priced.lines.find((p) => p.lineId === line.lineId);
      if (priced === undefined) throw new Error(`pricing lost line ${line.lineId}`);
      return {
        packageTag: line.packageTag,
        quantity: line.quantity,
        unit: line.packageUnit,
        grossCents: priced.grossCents,
        discountCents: priced.discountCents,
        // Metrc's TotalAmount is before tax: take out any tax that was inside the price.
        netCents: priced.netCents - priced.includedTaxCents,
        taxes: priced.taxes.map((t) => ({ taxId: t.taxId, amountCents: t.amountCents })),
      };
    }),
  };
}

// Every sale writes and reads these: prepared once per connection (issue #18).
const enqueue = preparedOnce((db) =>
  db
    .insert(outbox)
    .values({
      destination: sql.placeholder('destination'),
      kind: sql.placeholder('kind'),
      aggregateId: sql.placeholder('aggregateId'),
      payload: sql.placeholder('payload'),
      nextAttemptAt: sql.placeholder('now'),
      createdAt: sql.placeholder('now'),
      updatedAt: sql.placeholder('now'),
    })
    .prepare(),
);

const medicalRegistrationOf = preparedOnce((db) =>
  db
    .select({ registration: customers.medicalRegistration })
    .from(customers)
    .where(eq(customers.id, sql.placeholder('customerId')))
    .prepare(),
);

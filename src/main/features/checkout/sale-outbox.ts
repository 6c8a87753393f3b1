import { eq, sql } from 'drizzle-orm';
import { customers, outbox } from '../../platform/db/schema';
import type { RegisterTx } from '../../platform/db/transaction';
import { preparedOnce } from '../../platform/db/prepared';
import { patientIdFor } from '../customers/patient';
import type { SaleSubject } from '../compliance/sale-subject';
import type { PricedSale, SaleLineInput } from '../../../shared/domain/pricing/sale-line';
import type { SaleReceiptRecord } from '../sync/outbox-messages';
import { MENU_LANE, TRACEABILITY_LANE } from '../sync/lanes';

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

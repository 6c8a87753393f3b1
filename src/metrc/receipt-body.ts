import { DateTime } from 'luxon';
import type { SaleReceiptRecord } from '../shared/contract/metrc-messages';

/** A Metrc sales receipt as POSTed (PUT adds `Id`). */
export interface MetrcReceipt {
  readonly Id?: number;
  readonly SalesDateTime: string;
  readonly SalesCustomerType: 'Consumer' | 'Patient' | 'Caregiver';
  readonly PatientLicenseNumber: string | null;
  readonly CaregiverLicenseNumber: string | null;
  readonly IdentificationMethod: string | null;
  readonly ExternalReceiptNumber: string;
  readonly Transactions: MetrcTransaction[];
}

export interface MetrcTransaction {
  readonly PackageLabel: string;
  readonly Quantity: number;
  readonly UnitOfMeasure: 'Each' | 'Grams';
  readonly TotalAmount: number;
  readonly Price: number;
  readonly DiscountAmount: number;
  readonly SubTotal: number;
  readonly ExciseTax?: number;
  readonly CityTax?: number;
  readonly CountyTax?: number;
  readonly SalesTax?: number;
}

/** What was returned so far, per package: subtracted from the receipt when it is edited after a return. */
export type ReturnedQuantities = ReadonlyMap<string, { readonly quantity: number }>;

type Line = SaleReceiptRecord['lines'][number];
type LineAmounts = Pick<Line, 'grossCents' | 'discountCents' | 'netCents' | 'taxes'>;

/**
 * A partly returned line keeps what the store kept: each amount less what
 * its returns gave back. Returns refund floor(amount × returned / quantity)
 * cumulatively (checkout/return-sale.ts), so the kept part is the rest of
 * that, never a share rounded on its own — which could tell the state a
 * cent more or less than the store holds.
 */
function share(line: Line, kept: number): LineAmounts {
  const returned = line.quantity - kept;
  const part = (cents: number): number => cents - Math.floor((cents * returned) / line.quantity);
  return {
    grossCents: part(line.grossCents),
    discountCents: part(line.discountCents),
    netCents: part(line.netCents),
    taxes: line.taxes.map((t) => ({ taxId: t.taxId, amountCents: part(t.amountCents) })),
  };
}

/**
 * Our sale (integer cents, mg, a UTC instant) as Metrc wants it: the
 * facility's local time with no offset, dollars, unit names, the customer
 * type, and our sale id as `ExternalReceiptNumber` — the key that makes a
 * retry after an unknown outcome safe.
 */
export function metrcReceipt(
  record: SaleReceiptRecord,
  patientLicenseNumber: string | null,
  returned: ReturnedQuantities = new Map(),
  caregiverLicenseNumber: string | null = null,
): MetrcReceipt {
  const type = metrcCustomerType(record.customerType);
  return {
    SalesDateTime: metrcLocalDateTime(new Date(record.completedAt), record.timeZone),
    SalesCustomerType: type,
    PatientLicenseNumber: type === 'Consumer' ? null : patientLicenseNumber,
    CaregiverLicenseNumber: type === 'Caregiver' ? caregiverLicenseNumber : null,
    IdentificationMethod: null,
    ExternalReceiptNumber: record.saleId,
    Transactions: record.lines.flatMap((line) => {
      const back = returned.get(line.packageTag);
      const quantity = line.quantity - (back?.quantity ?? 0);
      if (quantity <= 0) return [];
      return [back === undefined ? transaction(line, quantity, line) : transaction(line, quantity, share(line, quantity))];
    }),
  };
}

function transaction(line: Line, quantity: number, amounts: LineAmounts): MetrcTransaction {
  const taxes = taxFields(amounts.taxes);
  return {
    PackageLabel: line.packageTag,
    // Weighed goods are held in mg; Metrc's package unit for them is grams.
    Quantity: line.unit === 'mg' ? quantity / 1000 : quantity,
    UnitOfMeasure: line.unit === 'mg' ? 'Grams' : 'Each',
    TotalAmount: dollars(amounts.netCents),
    Price: dollars(amounts.grossCents),
    DiscountAmount: dollars(amounts.discountCents),
    SubTotal: dollars(amounts.grossCents),
    ...taxes,
  };
}

/** Our tax ids name their level; Metrc has one field per level (sales tax for anything else). */
function taxFields(taxes: Line['taxes']): Partial<Record<'ExciseTax' | 'CityTax' | 'CountyTax' | 'SalesTax', number>> {
  const cents: Partial<Record<'ExciseTax' | 'CityTax' | 'CountyTax' | 'SalesTax', number>> = {};
  for (const tax of taxes) {
    const field = tax.taxId.includes('excise') ? 'ExciseTax' : tax.taxId.includes('city') ? 'CityTax' : tax.taxId.includes('county') ? 'CountyTax' : 'SalesTax';
    cents[field] = (cents[field] ?? 0) + tax.amountCents;
  }
  return Object.fromEntries(Object.entries(cents).map(([field, amount]) => [field, dollars(amount)]));
}

function metrcCustomerType(type: SaleReceiptRecord['customerType']): MetrcReceipt['SalesCustomerType'] {
  switch (type) {
    case 'adult':
      return 'Consumer';
    case 'medical':
      return 'Patient';
    case 'caregiver':
      return 'Caregiver';
  }
}

/** `2016-10-04T16:44:53.000`: the facility's wall-clock time, no offset (Metrc's rule). */
export function metrcLocalDateTime(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS");
}

/** Integer cents to the decimal dollars Metrc takes (the wire format only; money stays in cents). */
export function dollars(cents: number): number {
  return Number((cents / 100).toFixed(2));
}

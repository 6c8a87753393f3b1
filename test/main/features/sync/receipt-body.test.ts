import { describe, expect, it } from 'vitest';
import type { SaleReceiptRecord } from '../../../../src/main/features/sync/outbox-messages';
import { dollars, metrcLocalDateTime, metrcReceipt } from '../../../../src/metrc/receipt-body';
import { retryAfterMs } from '../../../../src/shared/sync/retry-after';
import { retryDelayMs } from '../../../../src/main/features/sync/retry-delay';

const record: SaleReceiptRecord = {
  saleId: 'sale-1',
  saleNumber: 'C1-000001',
  completedAt: '2026-11-24T18:05:09.120Z',
  timeZone: 'America/Los_Angeles',
  customerType: 'medical',
  patientLicenseNumberSealed: 'sealed',
  lines: [
    {
      packageTag: '1A4000000000000000000001',
      quantity: 3_500,
      unit: 'mg',
      grossCents: 4_000,
      discountCents: 400,
      netCents: 3_600,
      taxes: [
        { taxId: 'ca-cannabis-excise-2025q4', amountCents: 540 },
        { taxId: 'ca-sales-oakland', amountCents: 370 },
      ],
    },
    { packageTag: '1A4000000000000000000002', quantity: 3, unit: 'each', grossCents: 3_000, discountCents: 0, netCents: 3_000, taxes: [] },
  ],
};

describe('Metrc receipt body', () => {
  it('sends local wall-clock time without an offset, dollars, unit names and our sale id', () => {
    expect(metrcReceipt(record, 'CA-MMIC-2207841')).toEqual({
      SalesDateTime: '2026-11-24T10:05:09.120',
      SalesCustomerType: 'Patient',
      PatientLicenseNumber: 'CA-MMIC-2207841',
      CaregiverLicenseNumber: null,
      IdentificationMethod: null,
      ExternalReceiptNumber: 'sale-1',
      Transactions: [
        {
          PackageLabel: '1A4000000000000000000001',
          Quantity: 3.5,
          UnitOfMeasure: 'Grams',
          TotalAmount: 36,
          Price: 40,
          DiscountAmount: 4,
          SubTotal: 40,
          ExciseTax: 5.4,
          SalesTax: 3.7,
        },
        { PackageLabel: '1A4000000000000000000002', Quantity: 3, UnitOfMeasure: 'Each', TotalAmount: 30, Price: 30, DiscountAmount: 0, SubTotal: 30 },
      ],
    });
  });

  it('keeps the local date across DST changes and midnight', () => {
    // 2026-11-01 01:30 happens twice in Los Angeles; both instants must read as local 01:30.
    expect(metrcLocalDateTime(new Date('2026-11-01T08:30:00Z'), 'America/Los_Angeles')).toBe('2026-11-01T01:30:00.000');
    expect(metrcLocalDateTime(new Date('2026-11-01T09:30:00Z'), 'America/Los_Angeles')).toBe('2026-11-01T01:30:00.000');
    expect(metrcLocalDateTime(new Date('2026-06-16T06:59:59Z'), 'America/Denver')).toBe('2026-06-16T00:59:59.000');
  });

  it('after a return states what the customer kept, with the amounts by share; everything returned leaves no lines', () => {
    const kept = metrcReceipt(record, 'X', new Map([['1A4000000000000000000002', { quantity: 1 }]]));
    expect(kept.Transactions[1]).toMatchObject({ Quantity: 2, TotalAmount: 20, Price: 20 });
    const none = metrcReceipt(
      record,
      'X',
      new Map([
        ['1A4000000000000000000001', { quantity: 3_500 }],
        ['1A4000000000000000000002', { quantity: 3 }],
      ]),
    );
    expect(none.Transactions).toEqual([]);
  });

  it('after a return states exactly what the store kept: the amount less what the returns refunded (floor of the returned share), not a share rounded on its own', () => {
    // 2 g of 3.5 g back: the return refunded floor(540 × 2000/3500) = 308 of the excise, so the store keeps 232 —
    // half-up of 540 × 1500/3500 = 231.43 would tell the state 231, a cent the store holds and never reports. Net: 3600 − 2057 = 1543.
    const kept = metrcReceipt(record, 'X', new Map([['1A4000000000000000000001', { quantity: 2_000 }]]));
    expect(kept.Transactions[0]).toMatchObject({ Quantity: 1.5, TotalAmount: 15.43, ExciseTax: 2.32 });
  });

  it('adult-use sales carry no patient number', () => {
    expect(metrcReceipt({ ...record, customerType: 'adult' }, 'ignored')).toMatchObject({ SalesCustomerType: 'Consumer', PatientLicenseNumber: null });
  });

  it('converts cents to dollars exactly for the wire', () => {
    expect([dollars(1), dollars(10), dollars(12_345), dollars(0)]).toEqual([0.01, 0.1, 123.45, 0]);
  });
});

describe('retry timing', () => {
  it('reads Retry-After as seconds or an HTTP date, and ignores nonsense', () => {
    expect(retryAfterMs('2')).toBe(2_000);
    expect(retryAfterMs('Wed, 02 Dec 2026 00:00:10 GMT', Date.parse('2026-12-02T00:00:00Z'))).toBe(10_000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });

  it('backs off with full jitter under a growing, capped bound, never below Retry-After', () => {
    const options = { initialDelayMs: 100, maxDelayMs: 1_000 };
    for (let attempt = 1; attempt <= 40; attempt += 1) {
      const delay = retryDelayMs(attempt, options);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(Math.min(1_000, 100 * 2 ** attempt));
    }
    const late = Array.from({ length: 200 }, () => retryDelayMs(12, options));
    expect(Math.max(...late)).toBeGreaterThan(500);
    expect(new Set(late).size).toBeGreaterThan(50);
    expect(retryDelayMs(1, options, 5_000)).toBe(5_000);
  });
});

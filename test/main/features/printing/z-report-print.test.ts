import { describe, expect, it } from 'vitest';
import { encodeReport } from '../../../../src/main/features/printing/report-document';
import { zReportPrintable } from '../../../../src/main/features/printing/z-report-print';
import type { ZReportView } from '../../../../src/shared/contract/reports';

const report: ZReportView = {
  session: { id: 's1', terminal: 'Counter 1', budtender: 'Bailey Budtender', openedAt: '2026-11-24T17:00:00.000Z', status: 'closed' },
  sales: { count: 4, subtotalCents: 25_200, discountCents: 0, taxCents: 2_520, totalCents: 27_720 },
  voids: { count: 1, totalCents: 4_950 },
  returns: { count: 1, refundCents: 3_850 },
  discountsByPromotion: [],
  taxesByTax: [{ taxId: 'ca-excise', name: 'CA cannabis excise', amountCents: 2_520 }],
  tenders: [
    { tender: 'cash', paidCents: 19_850, refundedCents: 8_800, netCents: 11_050 },
    { tender: 'debit', paidCents: 12_700, refundedCents: 0, netCents: 12_700 },
  ],
  salesByHour: [{ hour: '09', count: 1, totalCents: 7_700 }],
  cash: {
    openingFloatCents: 20_000,
    cashSalesCents: 19_850,
    cashRefundsCents: 8_800,
    paidInCents: 0,
    paidOutCents: 1_250,
    dropsCents: 10_000,
    expectedCashCents: 19_800,
    nonCash: [{ tender: 'debit', expectedCents: 12_700 }],
  },
  movements: [],
  close: {
    countedCashCents: 19_475,
    overShortCents: -325,
    explanation: 'Gave too much change',
    approvedBy: 'staff-demo-manager',
    finalizedAt: '2026-11-25T01:00:00.000Z',
  },
};

describe('printing the Z-report', () => {
  const bytes = encodeReport(zReportPrintable(report, '2026-11-24 17:05'), { columns: 48 });
  const text = Buffer.from(bytes).toString('latin1');

  it('starts by initialising the printer and ends with a partial cut', () => {
    expect([...bytes.slice(0, 2)]).toEqual([0x1b, 0x40]); // ESC @
    // GS V 1: a partial cut, after the last printed text (only line feeds may follow).
    const cut = Buffer.from(bytes).lastIndexOf(Buffer.from([0x1d, 0x56, 0x01]));
    expect(cut).toBeGreaterThan(text.lastIndexOf('Gave too much change'));
    expect([...bytes.slice(cut + 3)].every((b) => b === 0x0a || b === 0x0d)).toBe(true);
  });

  it('prints the same figures as the screen, the short in words', () => {
    for (const expected of ['Z-REPORT', 'Bailey Budtender', 'Expected in drawer', '$198.00', 'SHORT', '$3.25', 'CA cannabis excise', 'Gave too much change']) {
      expect(text).toContain(expected);
    }
  });

  it('fits every printed line in 48 columns', () => {
    const lines = printedLines(bytes);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(48);
  });
});

/** The text a printer would put on paper: printer commands (ESC x, GS x y) and control bytes dropped. */
function printedLines(bytes: Uint8Array): string[] {
  const lines: string[] = [''];
  for (let i = 0; i < bytes.length; i += 1) {
    const b = bytes[i] ?? 0;
    if (b === 0x1b) i += 1;
    else if (b === 0x1d) i += 2;
    else if (b === 0x0a) lines.push('');
    else if (b >= 0x20) lines[lines.length - 1] += String.fromCharCode(b);
  }
  return lines;
}

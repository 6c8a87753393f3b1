import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyTenders, changeDenominations } from '../../../../src/shared/domain/pricing/tenders';

describe('tenders', () => {
  it('gives change in notes and coins', () => {
    expect(changeDenominations(2_341)).toEqual([
      { cents: 2_000, count: 1 },
      { cents: 100, count: 3 },
      { cents: 25, count: 1 },
      { cents: 10, count: 1 },
      { cents: 5, count: 1 },
      { cents: 1, count: 1 },
    ]);
    expect(changeDenominations(0)).toEqual([]);
  });

  it('never applies more or less than the total, and change is never negative', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500_000 }),
        fc.integer({ min: 0, max: 500_000 }),
        fc.integer({ min: 0, max: 200_000 }),
        (total, card, extraCash) => {
          const cardAmount = Math.min(card, total);
          const cash = total - cardAmount + extraCash;
          const tenders = [
            ...(cardAmount > 0 ? [{ tender: 'debit' as const, amountCents: cardAmount, reference: 'R' }] : []),
            ...(cash > 0 ? [{ tender: 'cash' as const, tenderedCents: cash }] : []),
          ];
          const applied = applyTenders(total, tenders, false);
          const sum = applied.reduce((s, t) => s + t.amountCents, 0);
          const change = applied.reduce((s, t) => s + t.changeCents, 0);
          const denominations = changeDenominations(change).reduce((s, d) => s + d.cents * d.count, 0);
          return sum === total && change === extraCash && change >= 0 && denominations === change;
        },
      ),
    );
  });

  it('refuses a card amount above what is due', () => {
    expect(() => applyTenders(1_000, [{ tender: 'card', amountCents: 1_001, reference: 'R' }], false)).toThrow(
      expect.objectContaining({ code: 'CARD_OVERPAY' }),
    );
  });

  it('asks for payment when none is given', () => {
    expect(() => applyTenders(1_000, [], false)).toThrow(expect.objectContaining({ code: 'PAYMENT_MISSING', message: 'Take payment: $10.00 is due.' }));
  });
});

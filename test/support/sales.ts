import type { SaleServices } from '../../src/main/features/checkout/complete-sale';

/**
 * A flat pricing stand-in for tests of the sale transaction itself (gross
 * price, a single 10 % tax); the pricing engine has its own tests.
 */
export const flatPricing: SaleServices['price'] = (_tx, lines) => {
  const priced = lines.map((l) => {
    const gross = l.sellingMode === 'weight' ? Math.round((l.unitPriceCents * l.quantity) / 1000) : l.unitPriceCents * l.quantity;
    const tax = Math.round(gross / 10);
    return {
      lineId: l.lineId,
      grossCents: gross,
      discountCents: 0,
      netCents: gross,
      taxCents: tax,
      includedTaxCents: 0,
      totalCents: gross + tax,
      discounts: [],
      taxes: [{ taxId: 'test-tax', name: 'Test tax', amountCents: tax }],
    };
  });
  const sum = (f: (p: (typeof priced)[number]) => number) => priced.reduce((s, p) => s + f(p), 0);
  return { lines: priced, subtotalCents: sum((p) => p.grossCents), discountCents: 0, taxCents: sum((p) => p.taxCents), totalCents: sum((p) => p.totalCents) };
};

export const allowAll: SaleServices['checkCompliance'] = () => ({ allowed: true, rulePack: 'test', verifiedOnline: true, violations: [] });

export const testSaleServices: SaleServices = { price: flatPricing, checkCompliance: allowAll };
